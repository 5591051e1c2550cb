#include "ServerTls.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>

namespace hb {

std::optional<QSslConfiguration> loadServerTls(const QString &certFile, const QString &keyFile,
                                               QString *error)
{
    if (!QSslSocket::supportsSsl()) {
        *error = QStringLiteral("HALOBESTIE_TLS_CERT is set but this Qt has no TLS backend");
        return std::nullopt;
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(certFile, QSsl::Pem);
    if (chain.isEmpty()) {
        *error = QStringLiteral("HALOBESTIE_TLS_CERT: no PEM certificate in %1").arg(certFile);
        return std::nullopt;
    }
    QFile file(keyFile);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("HALOBESTIE_TLS_KEY: cannot read %1: %2")
                     .arg(keyFile, file.errorString());
        return std::nullopt;
    }
    const QByteArray pem = file.readAll();
    QSslKey key(pem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(pem, QSsl::Ec, QSsl::Pem);
    if (key.isNull()) {
        *error = QStringLiteral("HALOBESTIE_TLS_KEY: %1 is not an unencrypted PEM RSA or EC key")
                     .arg(keyFile);
        return std::nullopt;
    }
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // clients authenticate by token
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    return configuration;
}

} // namespace hb
