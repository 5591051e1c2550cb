// A wss:// server whose certificate the client cannot trust (self-signed, made here with the
// openssl tool): signing in fails with a TLS error that says so, and nothing is retried.
#include "core/ControlClient.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocketServer>

using namespace hb;
using namespace hb::cc;
using namespace Qt::StringLiterals;

class TestTlsSignIn : public QObject
{
    Q_OBJECT

private slots:
    void untrustedCertificateIsATlsError()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString key = dir.filePath(u"key.pem"_s);
        const QString cert = dir.filePath(u"cert.pem"_s);
        QProcess openssl;
        openssl.start(u"openssl"_s, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s,
                                     u"-keyout"_s, key, u"-out"_s, cert, u"-days"_s, u"1"_s,
                                     u"-subj"_s, u"/CN=127.0.0.1"_s});
        QVERIFY2(openssl.waitForFinished(60000) && openssl.exitCode() == 0,
                 openssl.readAllStandardError().constData());

        QFile certFile(cert);
        QFile keyFile(key);
        QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificate(QSslCertificate(&certFile, QSsl::Pem));
        tls.setPrivateKey(QSslKey(&keyFile, QSsl::Rsa, QSsl::Pem));
        QWebSocketServer server(u"tls"_s, QWebSocketServer::SecureMode);
        server.setSslConfiguration(tls);
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));

        ControlClient client;
        QSignalSpy failed(&client, &ControlClient::signInFailed);
        QSignalSpy reconnecting(&client, &ControlClient::reconnecting);
        client.connectWithPassword(QUrl(u"wss://127.0.0.1:%1/v1/ws"_s.arg(server.serverPort())),
                                   u"ayu"_s, u"pw"_s);
        QVERIFY(failed.wait(15000));
        const auto error = failed[0][0].value<SignInError>();
        QCOMPARE(error.kind, SignInError::Kind::TlsError);
        QVERIFY2(error.message.contains(u"secure connection"_s), qPrintable(error.message));
        QVERIFY2(error.message.contains(u"self signed"_s, Qt::CaseInsensitive) ||
                     error.message.contains(u"self-signed"_s, Qt::CaseInsensitive),
                 qPrintable(error.message));
        QCOMPARE(client.state(), ControlClient::State::Disconnected);
        QCOMPARE(reconnecting.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestTlsSignIn)
#include "tst_cc_tls_sign_in.moc"
