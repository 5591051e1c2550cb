// Pairing settings change at run time, without restarting: `halobestie-backend settings` writes
// PostgreSQL and Valkey, and the very next request on every instance uses the new value.
#include "E2eStack.h"
#include "backend/WsTestClient.h"

#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <QTimer>

using namespace hb::test;

class TestSettingsE2e : public QObject
{
    Q_OBJECT

private:
    E2eStack m_stack;
    std::unique_ptr<BackendProcess> m_a;
    std::unique_ptr<BackendProcess> m_b;

    // Runs `halobestie-backend settings ...` as an operator would; returns stdout.
    QString settings(const QStringList &arguments, int *exitCode)
    {
        QProcess p;
        p.setProcessEnvironment(m_stack.backendEnvironment());
        p.start(BackendProcess::executable(), QStringList{QStringLiteral("settings")} + arguments);
        if (!p.waitForFinished(30000))
            return {};
        *exitCode = p.exitCode();
        return QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
    }

    std::unique_ptr<WsTestClient> onlineMitra(const QString &url, const QString &id)
    {
        return m_stack.onlineMitra(url, id);
    }

    // Requests as a new customer on `url`; returns how many of `mitras` got the offer.
    int offeredCount(const QString &url, const QString &customer,
                     const QList<WsTestClient *> &mitras, QString *requestId)
    {
        WsTestClient c;
        if (c.connectAndHello(url, m_stack.customerToken(customer, customer)).isEmpty())
            return -1;
        c.send(msg("pairing.request"));
        *requestId = c.waitFor(QStringLiteral("pairing.searching"))
                         .value(QStringLiteral("request_id"))
                         .toString();
        int offered = 0;
        for (WsTestClient *m : mitras) {
            const QJsonObject offer = m->waitFor(QStringLiteral("offer"), 2000);
            if (offer.value(QStringLiteral("request_id")).toString() == *requestId)
                ++offered;
        }
        c.send(msg("pairing.cancel", {{QStringLiteral("request_id"), *requestId}}));
        c.waitFor(QStringLiteral("pairing.cancelled"));
        return offered;
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_stack.start(&error), qPrintable(error));
        m_a = m_stack.startBackend(QStringLiteral("set-a"), &error);
        QVERIFY2(m_a, qPrintable(error));
        m_b = m_stack.startBackend(QStringLiteral("set-b"), &error);
        QVERIFY2(m_b, qPrintable(error));
    }

    void cleanupTestCase()
    {
        if (m_a)
            QCOMPARE(m_a->stop(), 0);
        if (m_b)
            QCOMPARE(m_b->stop(), 0);
    }

    void strategyChangesForTheNextRequestOnEveryInstance()
    {
        auto m1 = onlineMitra(m_a->url(), QStringLiteral("m-s1"));
        auto m2 = onlineMitra(m_b->url(), QStringLiteral("m-s2"));
        auto m3 = onlineMitra(m_b->url(), QStringLiteral("m-s3"));
        QVERIFY(m1 && m2 && m3);
        const QList<WsTestClient *> mitras{m1.get(), m2.get(), m3.get()};

        QString rid;
        QCOMPARE(offeredCount(m_a->url(), QStringLiteral("c-s1"), mitras, &rid), 3); // broadcast

        int code = -1;
        const QString out = settings({QStringLiteral("set"), QStringLiteral("pairing_strategy"),
                                      QStringLiteral("round_robin")},
                                     &code);
        QVERIFY2(code == 0, qPrintable(out));

        // The next request, on the other instance, is offered to one mitra at a time.
        QCOMPARE(offeredCount(m_b->url(), QStringLiteral("c-s2"), mitras, &rid), 1);
        QCOMPARE(m_stack.sql(QStringLiteral("select strategy from pairing_requests where id = '%1'")
                                 .arg(rid)),
                 (QList<QStringList>{{QStringLiteral("round_robin")}}));
        QCOMPARE(m_stack.sql(QStringLiteral("select value #>> '{}' from settings where key = "
                                            "'pairing_strategy'")),
                 (QList<QStringList>{{QStringLiteral("round_robin")}}));
        // Audited: the operator's change, from the configured default (not set: null).
        QCOMPARE(m_stack.sql(QStringLiteral("select actor, before::text, after::text from "
                                            "audit_log where action = 'settings_set' and target = "
                                            "'pairing_strategy'")),
                 (QList<QStringList>{{QStringLiteral("cli"), QStringLiteral("{\"value\": null}"),
                                      QStringLiteral("{\"value\": \"round_robin\"}")}}));

        // A batch of two.
        QVERIFY(settings({QStringLiteral("set"), QStringLiteral("round_robin_batch"),
                          QStringLiteral("2")},
                         &code)
                    .contains(QStringLiteral("round_robin_batch = 2")));
        QCOMPARE(offeredCount(m_a->url(), QStringLiteral("c-s3"), mitras, &rid), 2);

        const QString shown = settings({QStringLiteral("show")}, &code);
        QCOMPARE(code, 0);
        QVERIFY2(shown.contains(QStringLiteral("round_robin_batch     2")), qPrintable(shown));
        QVERIFY2(shown.contains(QStringLiteral("pairing_strategy      round_robin")), qPrintable(shown));

        // Back to broadcast.
        settings({QStringLiteral("set"), QStringLiteral("pairing_strategy"),
                  QStringLiteral("broadcast")},
                 &code);
        QCOMPARE(code, 0);
        QCOMPARE(offeredCount(m_b->url(), QStringLiteral("c-s4"), mitras, &rid), 3);
    }

    void weightsAreStoredInBothPlaces()
    {
        int code = -1;
        const QString out = settings({QStringLiteral("set-weight"), QStringLiteral("m-s2"),
                                      QStringLiteral("3")},
                                     &code);
        QVERIFY2(code == 0, qPrintable(out));
        QCOMPARE(m_stack.sql(QStringLiteral("select weight from mitras where id = 'm-s2'")),
                 (QList<QStringList>{{QStringLiteral("3")}}));
        QCOMPARE(m_stack.valkey({QStringLiteral("HGET"), QStringLiteral("hb:mitra:m-s2"),
                                 QStringLiteral("weight")}),
                 QByteArrayLiteral("3"));
        QCOMPARE(m_stack.sql(QStringLiteral("select before::text, after::text from audit_log "
                                            "where action = 'settings_set' and target = 'm-s2'")),
                 (QList<QStringList>{{QStringLiteral("{\"weight\": 1}"),
                                      QStringLiteral("{\"weight\": 3}")}}));
    }

    void badSettingsAreRefusedAndChangeNothing_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("unknown strategy") << QStringList{QStringLiteral("set"),
                                                         QStringLiteral("pairing_strategy"),
                                                         QStringLiteral("lottery")};
        QTest::newRow("batch zero") << QStringList{QStringLiteral("set"),
                                                   QStringLiteral("round_robin_batch"),
                                                   QStringLiteral("0")};
        QTest::newRow("unknown key") << QStringList{QStringLiteral("set"), QStringLiteral("colour"),
                                                    QStringLiteral("blue")};
        QTest::newRow("weight zero") << QStringList{QStringLiteral("set-weight"),
                                                    QStringLiteral("m-s1"), QStringLiteral("0")};
    }

    void badSettingsAreRefusedAndChangeNothing()
    {
        QFETCH(QStringList, arguments);
        const QByteArray before = m_stack.valkey({QStringLiteral("HGETALL"), QStringLiteral("hb:settings")});
        const QList<QStringList> audited =
            m_stack.sql(QStringLiteral("select count(*) from audit_log"));
        int code = -1;
        settings(arguments, &code);
        QCOMPARE(code, 1);
        QCOMPARE(m_stack.valkey({QStringLiteral("HGETALL"), QStringLiteral("hb:settings")}), before);
        QCOMPARE(m_stack.sql(QStringLiteral("select count(*) from audit_log")), audited);
    }
};

QTEST_GUILESS_MAIN(TestSettingsE2e)
#include "tst_settings_e2e.moc"
