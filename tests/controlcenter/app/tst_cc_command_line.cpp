// Starting the control center: the command line and environment (kiosk sign-in with
// --server/--token or HALOBESTIE_SERVER/HALOBESTIE_TOKEN, help, version, mistakes), and the
// kiosk start itself: straight to the main window, signed in with `hello`, no dialog.
#include "UiHarness.h"
#include "app/CommandLine.h"
#include "app/ControlCenterApp.h"
#include "app/SignInDialog.h"

#include <QProcessEnvironment>

using namespace hb::ui;
using namespace hb::ui::test;
using Status = CommandLineResult::Status;

namespace {
const QString kJwt = QStringLiteral("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln");

CommandLineResult parse(const QStringList &args, const QProcessEnvironment &env = {})
{
    return CommandLine::parse(QStringList{QStringLiteral("halobestie-controlcenter")} + args, env);
}

QProcessEnvironment env(const QString &server, const QString &token)
{
    QProcessEnvironment e;
    if (!server.isNull())
        e.insert(QStringLiteral("HALOBESTIE_SERVER"), server);
    if (!token.isNull())
        e.insert(QStringLiteral("HALOBESTIE_TOKEN"), token);
    return e;
}
} // namespace

class TestCommandLine : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { isolateSettings(); }

    void noArgumentsShowsTheDialog()
    {
        const auto r = parse({});
        QCOMPARE(r.status, Status::Run);
        QVERIFY(!r.options.signsInWithToken());
        QVERIFY(r.options.server.isEmpty());
    }

    void serverAndTokenSignInWithoutDialog()
    {
        const auto r = parse({QStringLiteral("--server"), QStringLiteral("halo.example:8443"),
                              QStringLiteral("--token"), kJwt});
        QCOMPARE(r.status, Status::Run);
        QVERIFY(r.options.signsInWithToken());
        QCOMPARE(r.options.server, QUrl(QStringLiteral("ws://halo.example:8443/v1/ws")));
        QCOMPARE(r.options.token, kJwt);
    }

    void environmentWorksAndCommandLineWins()
    {
        auto r = parse({}, env(QStringLiteral("wss://halo.example"), kJwt));
        QCOMPARE(r.status, Status::Run);
        QCOMPARE(r.options.server, QUrl(QStringLiteral("wss://halo.example/v1/ws")));
        QCOMPARE(r.options.token, kJwt);

        r = parse({QStringLiteral("-s"), QStringLiteral("https://other.example/v1/ws")},
                  env(QStringLiteral("wss://halo.example"), kJwt));
        QCOMPARE(r.options.server, QUrl(QStringLiteral("wss://other.example/v1/ws")));
        QCOMPARE(r.options.token, kJwt);
    }

    void serverAloneFillsInTheDialog()
    {
        const auto r = parse({QStringLiteral("--server=127.0.0.1:8080")});
        QCOMPARE(r.status, Status::Run);
        QVERIFY(!r.options.signsInWithToken());
        QCOMPARE(r.options.server, QUrl(QStringLiteral("ws://127.0.0.1:8080/v1/ws")));
    }

    void mistakesAreExplained_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("token without server") << QStringList{QStringLiteral("--token"), kJwt}
                                              << QStringLiteral("needs a server");
        QTest::newRow("not a jwt") << QStringList{QStringLiteral("-s"), QStringLiteral("h:1"),
                                                  QStringLiteral("-t"), QStringLiteral("abc")}
                                   << QStringLiteral("not a JWT");
        QTest::newRow("bad scheme") << QStringList{QStringLiteral("-s"), QStringLiteral("ftp://h")}
                                    << QStringLiteral("ws://");
        QTest::newRow("bad language") << QStringList{QStringLiteral("--language"), QStringLiteral("fr")}
                                      << QStringLiteral("id or en");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate")}
                                        << QStringLiteral("frobnicate");
        QTest::newRow("stray argument") << QStringList{QStringLiteral("extra")}
                                        << QStringLiteral("extra");
        QTest::newRow("missing value") << QStringList{QStringLiteral("--server")}
                                       << QStringLiteral("server");
    }

    void mistakesAreExplained()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const auto r = parse(args);
        QCOMPARE(r.status, Status::Error);
        QVERIFY2(r.text.contains(expected), qPrintable(r.text));
    }

    void helpAndVersion()
    {
        auto r = parse({QStringLiteral("--help")});
        QCOMPARE(r.status, Status::ShowHelp);
        QVERIFY(r.text.contains(QStringLiteral("--server")));
        QVERIFY(r.text.contains(QStringLiteral("HALOBESTIE_TOKEN")));
        QVERIFY(r.text.startsWith(QStringLiteral("Usage: ")));
        r = parse({QStringLiteral("--version")});
        QCOMPARE(r.status, Status::ShowVersion);
    }

    void languageAndScreenshots()
    {
        const auto r = parse({QStringLiteral("-l"), QStringLiteral("ID"),
                              QStringLiteral("--screenshot"), QStringLiteral("/tmp/shots")});
        QCOMPARE(r.status, Status::Run);
        QCOMPARE(r.options.language, QStringLiteral("id"));
        QCOMPARE(r.options.screenshotDir, QStringLiteral("/tmp/shots"));
    }

    // The whole kiosk path: command line -> app -> `hello` with the token -> main window.
    void kioskSignsInWithoutTheDialog()
    {
        hb::cc::test::FakeStaffServer server;
        QVERIFY(server.listen());
        server.statsBody = wireStats(sampleMitras(), 0);
        // The kiosk was provisioned with a token from an earlier sign-in; the fake's tokens are
        // "token-<username>", so this account's reads like a JWT (three dot-separated parts).
        const QString user = QStringLiteral("lobby.screen.1");
        server.addAccount(user, QStringLiteral("pw"), false);
        QString token;
        {
            hb::cc::ControlClient provisioning;
            QSignalSpy in(&provisioning, &hb::cc::ControlClient::signedIn);
            provisioning.connectWithPassword(server.url(), user, QStringLiteral("pw"));
            QVERIFY(in.wait(5000));
            token = provisioning.token();
        }
        server.received.clear();
        const auto r = parse({QStringLiteral("--server"), server.url().toString()},
                             env(QString(), token));
        QCOMPARE(r.status, Status::Run);
        QCOMPARE(r.options.token, token);

        ControlCenterApp app(r.options);
        app.client()->setOptions(fastClientOptions());
        QSignalSpy ready(&app, &ControlCenterApp::ready);
        app.start();
        QVERIFY(app.mainWindow()->isVisible());
        QVERIFY(ready.wait(5000));
        QVERIFY(!app.signInDialog() || !app.signInDialog()->isVisible());
        QCOMPARE(server.received.constFirst().value(QStringLiteral("type")).toString(),
                 QStringLiteral("hello"));
        QCOMPARE(server.received.constFirst().value(QStringLiteral("token")).toString(), token);
        QCOMPARE(server.ofType(QStringLiteral("login")).size(), 0);
        QVERIFY(app.mainWindow()->windowTitle().contains(user.toUpper()));
        // Kiosk starts remember nothing about the sign-in.
        QVERIFY(app.settings()->lastServer().isEmpty());
    }

    void refusedKioskTokenFallsBackToTheDialog()
    {
        hb::cc::test::FakeStaffServer server;
        QVERIFY(server.listen());
        const auto r = parse({QStringLiteral("--server"), server.url().toString(),
                              QStringLiteral("--token"), kJwt});
        ControlCenterApp app(r.options);
        app.client()->setOptions(fastClientOptions());
        app.start();
        QTRY_VERIFY(app.signInDialog() && app.signInDialog()->isVisible());
        QVERIFY(app.signInDialog()->message().contains(QStringLiteral("no longer accepts")));
        QCOMPARE(app.signInDialog()->serverText(), server.url().toString());
    }
};

QTEST_MAIN(TestCommandLine)
#include "tst_cc_command_line.moc"
