#pragma once

#include "auth/Jwt.h"

#include <QHostAddress>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

namespace hb {

// Everything the operator can set. Each field is a command-line flag and an environment
// variable of the same meaning (the names in the design's Configuration table), and may also
// come from a config file of `NAME=value` lines. Precedence: flag, environment, file, default.
struct Config
{
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 listenPort = 8080;
    QString valkeyUrl = QStringLiteral("redis://127.0.0.1:6379/0");
    QString databaseUrl = QStringLiteral("postgresql:///halobestie");
    // Keys, issuer, audiences, leeway and maximum lifetime of the tokens this server accepts.
    JwtRules jwt;
    int heartbeatIntervalS = 10;
    int heartbeatTimeoutS = 30;
    QString pairingStrategy = QStringLiteral("broadcast");
    int defaultMaxCustomers = 3;
    int requestTimeoutS = 60;
    int offerTimeoutS = 15;
    QString instanceId;
    int maxFrameBytes = 64 * 1024;
    int helloTimeoutS = 10;
    int sweepIntervalMs = 1000;
    QStringList allowedOrigins; // empty: only clients that send no Origin (the mobile apps)
    int startupTimeoutS = 10;
    int paymentDelayMs = 0;
    // How long a new session waits for payment before any instance ends it (payment_failed).
    int paymentTimeoutS = 300;
    // What the phase 2 payment answers: confirm (production), fail, or never (tests, demos).
    QString paymentMode = QStringLiteral("confirm");
    int staffRecheckS = 60;
    // Limits against hostile or broken clients (docs/protocol.md, Limits).
    int maxFrameBytesBeforeHello = 16 * 1024;
    int maxSendBacklogBytes = 8 * 1024 * 1024;
    int rateMessagesPerS = 20;
    int rateMessageBurst = 60;
    int ratePairingPerMin = 12;
    int ratePairingBurst = 12;
    int maxConnections = 20000;
    int maxConnectionsPerAddress = 1000;
    int maxUnauthenticated = 2000;
    int requestHeadTimeoutS = 10;
    QString trustedProxies; // CIDR list, checked by TrustedProxies::parse
    QString tlsCertFile;    // both set: the endpoint serves wss only
    QString tlsKeyFile;

    QString listenUrl() const;
};

struct ConfigResult
{
    std::optional<Config> config;
    QString error;      // one line, for the operator
    bool helpShown = false;
};

// The server needs every setting; admin commands only reach the stores (no JWT secrets).
enum class ConfigUse { Server, StoresOnly };

// Parses flags (arguments without the program name's subcommand) and the environment.
// Pure apart from reading a config file named by --config / HALOBESTIE_CONFIG.
ConfigResult parseConfig(const QStringList &arguments, const QProcessEnvironment &environment,
                         ConfigUse use = ConfigUse::Server);

QString configHelpText();

} // namespace hb
