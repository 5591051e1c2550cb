#include "StatsWatcher.h"

#include "protocol/ClientMessageWriter.h"

#include "ProtocolClient.h"
#include "StatsSummary.h"

#include <QDateTime>
#include <cstdio>

namespace hb::stats {

StatsWatcher::StatsWatcher(StatsOptions options, QString password, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_password(std::move(password)),
      m_token(m_options.token)
{
    connect(&m_print, &QTimer::timeout, this, &StatsWatcher::printLine);
    m_reconnect.setSingleShot(true);
    connect(&m_reconnect, &QTimer::timeout, this, &StatsWatcher::connectNow);
}

StatsWatcher::~StatsWatcher() = default;

void StatsWatcher::start()
{
    connectNow();
    if (!m_options.printToken)
        m_print.start(m_options.everyS * 1000);
}

void StatsWatcher::stop()
{
    m_print.stop();
    m_reconnect.stop();
    if (m_client)
        m_client->close();
}

void StatsWatcher::connectNow()
{
    if (m_client)
        m_client.release()->deleteLater(); // we may be inside one of its signals
    // The password is used once: later connections (reconnects) use the token it earned.
    if (!m_token.isEmpty())
        m_client = std::make_unique<bench::ProtocolClient>(m_options.url, m_token);
    else
        m_client = std::make_unique<bench::ProtocolClient>(
            m_options.url, bench::ProtocolClient::Login{m_options.username, m_password});
    connect(m_client.get(), &bench::ProtocolClient::ready, this, [this] {
        m_everSignedIn = true;
        m_backoffMs = 1000;
        m_problem.clear();
        const QString issued =
            m_client->welcomeMessage().value(QStringLiteral("token")).toString();
        if (!issued.isEmpty())
            m_token = issued;
        if (m_options.printToken) {
            std::printf("%s\n", qPrintable(m_token));
            std::fflush(stdout);
            finish(0, QString()); // first: close() may report the close at once
            m_client->close();
            return;
        }
        m_client->send(toJson(ClientMessage::make(clientmsg::StatsSubscribe{})));
    });
    connect(m_client.get(), &bench::ProtocolClient::message, this,
            [this](const QJsonObject &message, qint64) { onMessage(message); });
    connect(m_client.get(), &bench::ProtocolClient::closed, this, &StatsWatcher::onClosed);
    m_client->open();
}

void StatsWatcher::onMessage(const QJsonObject &message)
{
    const QString type = message.value(QStringLiteral("type")).toString();
    if (type == QLatin1String("stats")) {
        m_latest = message;
        ++m_updates;
    } else if (type == QLatin1String("error")) {
        const QString code = message.value(QStringLiteral("code")).toString();
        const QString text = message.value(QStringLiteral("message")).toString();
        if (code == QLatin1String("unavailable")) {
            // The live state could not be read: ask again shortly (the protocol's advice).
            m_problem = QStringLiteral("stats unavailable (%1): asking again").arg(text);
            QTimer::singleShot(2000, this, [this] {
                if (m_client && m_client->isReady() && !m_client->isClosed())
                    m_client->send(
                        toJson(ClientMessage::make(clientmsg::StatsSubscribe{})));
            });
        } else {
            finish(1, QStringLiteral("the server refused stats.subscribe: %1 (%2)").arg(text, code));
        }
    }
}

void StatsWatcher::onClosed(const QString &why)
{
    if (isFinished())
        return;
    const bool refused = why.startsWith(QLatin1String("refused:"));
    if (refused && (!m_everSignedIn || m_options.printToken || m_token.isEmpty())) {
        finish(1, QStringLiteral("sign-in refused: %1").arg(why.mid(9)));
        return;
    }
    if (refused) {
        // The token expired (or the secret changed): only a password would get a new one.
        finish(1, QStringLiteral("the server no longer accepts the token: %1").arg(why.mid(9)));
        return;
    }
    if (m_options.printToken) {
        finish(1, QStringLiteral("cannot sign in at %1: %2")
                      .arg(m_options.url.toDisplayString(), why));
        return;
    }
    m_latest = QJsonObject();
    m_problem = QStringLiteral("disconnected (%1): reconnecting in %2 s")
                    .arg(why)
                    .arg(m_backoffMs / 1000);
    m_reconnect.start(m_backoffMs);
    m_backoffMs = std::min(m_backoffMs * 2, 10000);
}

void StatsWatcher::printLine()
{
    QString line;
    if (!m_problem.isEmpty())
        line = QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss  ")) + m_problem;
    else if (m_latest.isEmpty())
        line = QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss  ")) +
               QStringLiteral("waiting for the first stats from %1").arg(m_options.url.toDisplayString());
    else
        line = summaryLine(m_latest, m_updates) +
               (m_options.tableRows > 0 ? QStringLiteral("\n") +
                                              busiestTable(m_latest, m_options.tableRows)
                                        : QString());
    m_updates = 0;
    std::printf("%s\n", qPrintable(line.endsWith(QLatin1Char('\n')) ? line.chopped(1) : line));
    std::fflush(stdout);
}

void StatsWatcher::finish(int code, const QString &message)
{
    if (isFinished())
        return;
    if (!message.isEmpty())
        std::fprintf(stderr, "halobestie-stats: %s\n", qPrintable(message));
    m_exitCode = code;
    m_print.stop();
    m_reconnect.stop();
}

} // namespace hb::stats
