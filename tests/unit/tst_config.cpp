// The operator's contract: every setting from a flag, an environment variable or a file, with
// flags winning over variables and variables over the file; bad values refused with one line.
#include "app/Config.h"

#include <QTemporaryFile>
#include <QTest>

using hb::parseConfig;

namespace {

QProcessEnvironment env(std::initializer_list<std::pair<const char *, const char *>> vars)
{
    QProcessEnvironment e;
    e.insert(QStringLiteral("HALOBESTIE_JWT_SECRET"),
             QStringLiteral("0123456789abcdef-apps-secret-0123"));
    e.insert(QStringLiteral("HALOBESTIE_STAFF_JWT_SECRET"),
             QStringLiteral("0123456789abcdef-staff-secret-012"));
    for (const auto &[k, v] : vars)
        e.insert(QLatin1String(k), QLatin1String(v));
    return e;
}

} // namespace

class TestConfig : public QObject
{
    Q_OBJECT

private slots:
    void defaultsFollowTheDesignTable()
    {
        const auto r = parseConfig({}, env({}));
        QVERIFY2(r.config, qPrintable(r.error));
        const hb::Config &c = *r.config;
        QCOMPARE(c.listenAddress, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(c.listenPort, quint16(8080));
        QCOMPARE(c.valkeyUrl, QStringLiteral("redis://127.0.0.1:6379/0"));
        QCOMPARE(c.databaseUrl, QStringLiteral("postgresql:///halobestie"));
        QCOMPARE(c.heartbeatIntervalS, 10);
        QCOMPARE(c.heartbeatTimeoutS, 30);
        QCOMPARE(c.pairingStrategy, QStringLiteral("broadcast"));
        QCOMPARE(c.defaultMaxCustomers, 3);
        QCOMPARE(c.requestTimeoutS, 60);
        QCOMPARE(c.offerTimeoutS, 15);
        QCOMPARE(c.maxFrameBytes, 65536);
        QCOMPARE(c.staffRecheckS, 60);
        QCOMPARE(c.paymentTimeoutS, 300);
        QCOMPARE(c.paymentMode, QStringLiteral("confirm"));
        QCOMPARE(c.jwt.issuer, QStringLiteral("halobestie"));
        QCOMPARE(c.jwt.appAudience, QStringLiteral("halobestie-apps"));
        QCOMPARE(c.jwt.staffAudience, QStringLiteral("halobestie-staff"));
        QCOMPARE(c.jwt.leewayS, qint64(30));
        QCOMPARE(c.jwt.maxLifetimeS, qint64(86400));
        QVERIFY(c.instanceId.endsWith(QStringLiteral(":8080")));
    }

    void flagsWinOverEnvironmentWhichWinsOverTheFile()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write("# comment\nHALOBESTIE_HEARTBEAT_TIMEOUT_S=40\nHALOBESTIE_REQUEST_TIMEOUT_S=90\n"
                   "HALOBESTIE_INSTANCE_ID=\"from-file\"\n");
        file.flush();
        const auto r = parseConfig(
            {QStringLiteral("--config"), file.fileName(), QStringLiteral("--heartbeat-timeout-s"),
             QStringLiteral("50"), QStringLiteral("--listen=[::1]:9000")},
            env({{"HALOBESTIE_HEARTBEAT_TIMEOUT_S", "45"}, {"HALOBESTIE_REQUEST_TIMEOUT_S", "70"}}));
        QVERIFY2(r.config, qPrintable(r.error));
        QCOMPARE(r.config->heartbeatTimeoutS, 50);           // flag
        QCOMPARE(r.config->requestTimeoutS, 70);             // environment over file
        QCOMPARE(r.config->instanceId, QStringLiteral("from-file")); // file only
        QCOMPARE(r.config->listenAddress, QHostAddress(QHostAddress::LocalHostIPv6));
        QCOMPARE(r.config->listenPort, quint16(9000));
        QCOMPARE(r.config->listenUrl(), QStringLiteral("ws://[::1]:9000/v1/ws"));
    }

    void badSettingsAreRefusedWithOneLine_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no secret") << QStringList() << QStringLiteral("HALOBESTIE_JWT_SECRET")
                                   << QString() << QStringLiteral("HALOBESTIE_JWT_SECRET");
        QTest::newRow("short secret") << QStringList() << QStringLiteral("HALOBESTIE_JWT_SECRET")
                                      << QStringLiteral("short") << QStringLiteral("too short");
        QTest::newRow("secret of 31 bytes")
            << QStringList() << QStringLiteral("HALOBESTIE_JWT_SECRET")
            << QString(31, QLatin1Char('x')) << QStringLiteral("at least 32 bytes");
        QTest::newRow("no staff secret") << QStringList()
                                         << QStringLiteral("HALOBESTIE_STAFF_JWT_SECRET")
                                         << QString() << QStringLiteral("HALOBESTIE_STAFF_JWT_SECRET");
        QTest::newRow("short staff secret")
            << QStringList() << QStringLiteral("HALOBESTIE_STAFF_JWT_SECRET")
            << QString(31, QLatin1Char('x')) << QStringLiteral("at least 32 bytes");
        QTest::newRow("staff secret is the apps' secret")
            << QStringList() << QStringLiteral("HALOBESTIE_STAFF_JWT_SECRET")
            << QStringLiteral("0123456789abcdef-apps-secret-0123") << QStringLiteral("must differ");
        QTest::newRow("staff audience is the apps' audience")
            << QStringList() << QStringLiteral("HALOBESTIE_STAFF_JWT_AUDIENCE")
            << QStringLiteral("halobestie-apps") << QStringLiteral("must differ");
        QTest::newRow("empty issuer") << QStringList() << QStringLiteral("HALOBESTIE_JWT_ISSUER")
                                      << QString() << QStringLiteral("must not be empty");
        QTest::newRow("leeway over 5 minutes")
            << QStringList() << QStringLiteral("HALOBESTIE_JWT_LEEWAY_S") << QStringLiteral("301")
            << QStringLiteral("between 0 and 300");
        QTest::newRow("max lifetime under a minute")
            << QStringList() << QStringLiteral("HALOBESTIE_JWT_MAX_LIFETIME_S")
            << QStringLiteral("59") << QStringLiteral("between 60 and");
        QTest::newRow("unreadable staff secret file")
            << QStringList() << QStringLiteral("HALOBESTIE_STAFF_JWT_SECRET_FILE")
            << QStringLiteral("/nonexistent/staff.key") << QStringLiteral("cannot read the secret file");
        QTest::newRow("strategy") << QStringList() << QStringLiteral("HALOBESTIE_PAIRING_STRATEGY")
                                  << QStringLiteral("random") << QStringLiteral("round_robin");
        QTest::newRow("timeout not above interval")
            << QStringList{QStringLiteral("--heartbeat-interval-s"), QStringLiteral("30")}
            << QString() << QString() << QStringLiteral("longer than");
        QTest::newRow("negative capacity")
            << QStringList() << QStringLiteral("HALOBESTIE_DEFAULT_MAX_CUSTOMERS")
            << QStringLiteral("-1") << QStringLiteral("between 0 and 1000");
        QTest::newRow("staff recheck zero")
            << QStringList() << QStringLiteral("HALOBESTIE_STAFF_RECHECK_S") << QStringLiteral("0")
            << QStringLiteral("between 1 and 3600");
        QTest::newRow("payment timeout zero")
            << QStringList() << QStringLiteral("HALOBESTIE_PAYMENT_TIMEOUT_S") << QStringLiteral("0")
            << QStringLiteral("HALOBESTIE_PAYMENT_TIMEOUT_S must be an integer between 1 and 86400");
        QTest::newRow("payment mode unknown")
            << QStringList() << QStringLiteral("HALOBESTIE_PAYMENT_MODE") << QStringLiteral("maybe")
            << QStringLiteral("confirm, fail, never");
        QTest::newRow("listen without port") << QStringList{QStringLiteral("--listen=127.0.0.1")}
                                             << QString() << QString()
                                             << QStringLiteral("host:port");
        QTest::newRow("listen host name") << QStringList{QStringLiteral("--listen=example.com:80")}
                                          << QString() << QString()
                                          << QStringLiteral("IP address");
        QTest::newRow("unknown flag") << QStringList{QStringLiteral("--listn"), QStringLiteral("x")}
                                      << QString() << QString() << QStringLiteral("--listn");
        QTest::newRow("flag without value") << QStringList{QStringLiteral("--listen")} << QString()
                                            << QString() << QStringLiteral("needs a value");
        QTest::newRow("missing config file")
            << QStringList{QStringLiteral("--config"), QStringLiteral("/nonexistent/hb.env")}
            << QString() << QString() << QStringLiteral("cannot read config file");
    }

    void badSettingsAreRefusedWithOneLine()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, variable);
        QFETCH(QString, value);
        QFETCH(QString, mentions);
        QProcessEnvironment e = env({});
        if (!variable.isEmpty())
            e.insert(variable, value);
        const auto r = parseConfig(arguments, e);
        QVERIFY(!r.config);
        QVERIFY2(r.error.contains(mentions), qPrintable(r.error));
        QVERIFY(!r.error.contains(QLatin1Char('\n')));
    }

    void staffSecretFromAFile()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write("staff-secret-from-a-file-0123456789\n");
        file.flush();
        QProcessEnvironment e = env({});
        e.remove(QStringLiteral("HALOBESTIE_STAFF_JWT_SECRET"));
        e.insert(QStringLiteral("HALOBESTIE_STAFF_JWT_SECRET_FILE"), file.fileName());
        const auto r = parseConfig({}, e);
        QVERIFY2(r.config, qPrintable(r.error));
        QCOMPARE(r.config->jwt.staffSecret, QByteArray("staff-secret-from-a-file-0123456789"));
    }

    void unknownNamesInTheFileAreRefused()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write("HALOBESTIE_HEARTBEAT_TIMOUT_S=40\n"); // typo
        file.flush();
        const auto r = parseConfig({QStringLiteral("--config"), file.fileName()}, env({}));
        QVERIFY(!r.config);
        QVERIFY2(r.error.contains(QStringLiteral(":1:")), qPrintable(r.error));
    }

    void helpListsEveryVariable()
    {
        const auto r = parseConfig({QStringLiteral("--help")}, env({}));
        QVERIFY(r.helpShown);
        const QString help = hb::configHelpText();
        for (const char *name :
             {"HALOBESTIE_LISTEN", "HALOBESTIE_VALKEY_URL", "HALOBESTIE_DATABASE_URL",
              "HALOBESTIE_JWT_SECRET", "HALOBESTIE_STAFF_JWT_SECRET", "HALOBESTIE_JWT_ISSUER",
              "HALOBESTIE_JWT_AUDIENCE", "HALOBESTIE_STAFF_JWT_AUDIENCE", "HALOBESTIE_JWT_LEEWAY_S",
              "HALOBESTIE_JWT_MAX_LIFETIME_S", "HALOBESTIE_HEARTBEAT_INTERVAL_S",
              "HALOBESTIE_HEARTBEAT_TIMEOUT_S", "HALOBESTIE_PAIRING_STRATEGY",
              "HALOBESTIE_DEFAULT_MAX_CUSTOMERS", "HALOBESTIE_REQUEST_TIMEOUT_S",
              "HALOBESTIE_OFFER_TIMEOUT_S", "HALOBESTIE_INSTANCE_ID",
              "HALOBESTIE_PAYMENT_TIMEOUT_S", "HALOBESTIE_PAYMENT_MODE"})
            QVERIFY2(help.contains(QLatin1String(name)), name);
    }
};

QTEST_GUILESS_MAIN(TestConfig)
#include "tst_config.moc"
