#pragma once

#include <QSslConfiguration>
#include <QString>

#include <optional>

namespace hb {

// The TLS configuration of the wss endpoint from PEM files: the certificate (with its chain,
// leaf first) and its private key (RSA or EC, unencrypted). Nothing, with a one-line reason
// for the operator, when a file is unreadable, the key does not parse or this Qt has no TLS.
std::optional<QSslConfiguration> loadServerTls(const QString &certFile, const QString &keyFile,
                                               QString *error);

} // namespace hb
