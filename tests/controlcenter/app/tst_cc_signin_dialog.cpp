// The sign-in dialog: what it accepts and refuses before anything is sent, the clear message
// for each way signing in fails (wrong password, unreachable, TLS, rate limited, store down),
// and, through the application, remembering the server and username but never the password.
#include "UiHarness.h"
#include "app/ControlCenterApp.h"
#include "app/MainWindow.h"
#include "app/ServerAddress.h"
#include "app/SignInDialog.h"

#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QTcpServer>

using namespace hb::ui;
using namespace hb::ui::test;
using Kind = hb::cc::SignInError::Kind;

class TestSignInDialog : public QObject
{
    Q_OBJECT

    static void type(SignInDialog &d, const QString &server, const QString &user,
                     const QString &password)
    {
        d.setServer(server);
        d.findChild<QLineEdit *>(QStringLiteral("username"))->setText(user);
        d.findChild<QLineEdit *>(QStringLiteral("password"))->setText(password);
    }
    static void clickSignIn(SignInDialog &d)
    {
        QTest::mouseClick(d.findChild<QPushButton *>(QStringLiteral("signIn")), Qt::LeftButton);
    }

private slots:
    void initTestCase() { isolateSettings(); }

    void serverAddressesStaffType_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("url"); // empty: refused
        QTest::newRow("host:port") << "halo.example:8080" << "ws://halo.example:8080/v1/ws";
        QTest::newRow("wss") << "wss://halo.example" << "wss://halo.example/v1/ws";
        QTest::newRow("https") << "https://halo.example/" << "wss://halo.example/v1/ws";
        QTest::newRow("http") << "http://10.0.0.5:8080" << "ws://10.0.0.5:8080/v1/ws";
        QTest::newRow("own path kept") << "ws://h:1/custom" << "ws://h:1/custom";
        QTest::newRow("spaces") << "  127.0.0.1:9000  " << "ws://127.0.0.1:9000/v1/ws";
        QTest::newRow("empty") << "" << "";
        QTest::newRow("ftp") << "ftp://halo.example" << "";
        QTest::newRow("no host") << "ws://:8080" << "";
    }

    void serverAddressesStaffType()
    {
        QFETCH(QString, typed);
        QFETCH(QString, url);
        const ServerAddress address = ServerAddress::parse(typed);
        QCOMPARE(address.isValid(), !url.isEmpty());
        if (address.isValid())
            QCOMPARE(address.url.toString(), url);
        else
            QVERIFY(!address.error.isEmpty());
    }

    void validatesBeforeSending_data()
    {
        QTest::addColumn<QString>("server");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("focus");
        QTest::newRow("no server") << "" << "ayu" << "pw" << "server address" << "server";
        QTest::newRow("bad server") << "gopher://x" << "ayu" << "pw" << "ws://" << "server";
        QTest::newRow("no user") << "h:1" << "  " << "pw" << "username" << "username";
        QTest::newRow("no password") << "h:1" << "ayu" << "" << "password" << "password";
    }

    void validatesBeforeSending()
    {
        QFETCH(QString, server);
        QFETCH(QString, user);
        QFETCH(QString, password);
        QFETCH(QString, message);
        QFETCH(QString, focus);
        SignInDialog d;
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        QSignalSpy asked(&d, &SignInDialog::signInRequested);
        type(d, server, user, password);
        clickSignIn(d);
        QCOMPARE(asked.size(), 0);
        QVERIFY2(d.message().contains(message), qPrintable(d.message()));
        QTRY_COMPARE(QApplication::focusWidget()->objectName(), focus);
    }

    void asksWithTheNormalisedAddress()
    {
        SignInDialog d;
        QSignalSpy asked(&d, &SignInDialog::signInRequested);
        type(d, QStringLiteral("halo.example:8080"), QStringLiteral(" ayu "), QStringLiteral("s3cret"));
        clickSignIn(d);
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked[0][0].toUrl(), QUrl(QStringLiteral("ws://halo.example:8080/v1/ws")));
        QCOMPARE(asked[0][1].toString(), QStringLiteral("ayu"));
        QCOMPARE(asked[0][2].toString(), QStringLiteral("s3cret"));
        QCOMPARE(d.serverText(), QStringLiteral("ws://halo.example:8080/v1/ws"));
    }

    void busyLocksTheFieldsAndOffersCancel()
    {
        SignInDialog d;
        QSignalSpy cancel(&d, &SignInDialog::cancelRequested);
        d.setBusy(true);
        QVERIFY(!d.findChild<QLineEdit *>(QStringLiteral("password"))->isEnabled());
        auto *button = d.findChild<QPushButton *>(QStringLiteral("signIn"));
        QCOMPARE(button->text(), QStringLiteral("Cancel"));
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(cancel.size(), 1);
    }

    void explainsEachFailure_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("wrong password") << int(Kind::WrongCredentials) << "username or password";
        QTest::newRow("unreachable") << int(Kind::Unreachable) << "Cannot reach the server at ws://h:1/v1/ws";
        QTest::newRow("tls") << int(Kind::TlsError) << "certificate";
        QTest::newRow("rate limited") << int(Kind::RateLimited) << "Wait a few minutes";
        QTest::newRow("store down") << int(Kind::ServerUnavailable) << "Try again in a minute";
        QTest::newRow("not halobestie") << int(Kind::ProtocolError) << "did not answer like a HaloBestie server";
        QTest::newRow("token") << int(Kind::TokenRejected) << "Sign in with your password";
    }

    void explainsEachFailure()
    {
        QFETCH(int, kind);
        QFETCH(QString, expected);
        SignInDialog d;
        d.setServer(QStringLiteral("ws://h:1/v1/ws"));
        d.showFailure({Kind(kind), QStringLiteral("detail from the client")});
        QVERIFY2(d.message().contains(expected), qPrintable(d.message()));
    }

    // Through the application and a real socket: wrong password, then unreachable, then right;
    // what is remembered afterwards.
    void signsInAndRemembersServerAndUserButNotThePassword()
    {
        hb::cc::test::FakeStaffServer server;
        QVERIFY(server.listen());
        server.addAccount(QStringLiteral("ayu"), QStringLiteral("right-password"), true);
        server.statsBody = wireStats(sampleMitras(), 0);
        ControlCenterApp app(LaunchOptions{});
        app.client()->setOptions(fastClientOptions());
        app.start();
        SignInDialog *d = app.signInDialog();
        QVERIFY(d && d->isVisible());
        QVERIFY(!app.mainWindow()->isVisible());

        type(*d, server.url().toString(), QStringLiteral("ayu"), QStringLiteral("wrong-password"));
        clickSignIn(*d);
        QTRY_VERIFY_WITH_TIMEOUT(d->message().contains(QStringLiteral("username or password")), 5000);
        QVERIFY(!d->isBusy());

        // Nobody listens on this port.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 dead = probe.serverPort();
        probe.close();
        type(*d, QStringLiteral("127.0.0.1:%1").arg(dead), QStringLiteral("ayu"), QStringLiteral("x"));
        clickSignIn(*d);
        QTRY_VERIFY_WITH_TIMEOUT(d->message().contains(QStringLiteral("Cannot reach")), 5000);

        QSignalSpy ready(&app, &ControlCenterApp::ready);
        type(*d, server.url().toString(), QStringLiteral("ayu"), QStringLiteral("right-password"));
        clickSignIn(*d);
        QVERIFY(ready.wait(5000));
        QVERIFY(!d->isVisible());
        QVERIFY(app.mainWindow()->isVisible());
        QVERIFY(d->findChild<QLineEdit *>(QStringLiteral("password"))->text().isEmpty());

        QCOMPARE(app.settings()->lastServer(), server.url().toString());
        QCOMPARE(app.settings()->lastUsername(), QStringLiteral("ayu"));
        QSettings settings;
        for (const QString &key : settings.allKeys()) {
            QVERIFY2(!settings.value(key).toString().contains(QStringLiteral("right-password")),
                     qPrintable(key));
            QVERIFY2(!settings.value(key).toString().contains(QStringLiteral("token-")), qPrintable(key));
        }

        // Signing out brings the dialog back, filled in but for the password.
        app.mainWindow()->signOutAction()->trigger();
        QVERIFY(d->isVisible());
        QVERIFY(!app.mainWindow()->isVisible());
        QCOMPARE(d->username(), QStringLiteral("ayu"));
        QCOMPARE(d->serverText(), server.url().toString());
        QVERIFY(d->message().contains(QStringLiteral("signed out")));
    }
};

QTEST_MAIN(TestSignInDialog)
#include "tst_cc_signin_dialog.moc"
