#pragma once

#include "StatsOptions.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <memory>

namespace hb::bench {
class ProtocolClient;
}

namespace hb::stats {

// A staff connection that subscribes to `stats` and prints a summary line every few seconds.
// After a drop it reconnects (with backoff) using the token it signed in with, as the control
// center does. A refused sign-in is final: finished() with a non-zero code.
class StatsWatcher : public QObject
{
    Q_OBJECT
public:
    StatsWatcher(StatsOptions options, QString password, QObject *parent = nullptr);
    ~StatsWatcher() override;

    void start();
    void stop();
    bool isFinished() const { return m_exitCode >= 0; }
    int exitCode() const { return m_exitCode; }

private:
    void connectNow();
    void onMessage(const QJsonObject &message);
    void onClosed(const QString &why);
    void printLine();
    void finish(int code, const QString &message);

    StatsOptions m_options;
    QString m_password;
    QString m_token; // for reconnects: the given one, or the one the server issued at login
    std::unique_ptr<bench::ProtocolClient> m_client;
    QTimer m_print;
    QTimer m_reconnect;
    QJsonObject m_latest;
    int m_updates = 0;
    int m_backoffMs = 1000;
    bool m_everSignedIn = false;
    QString m_problem; // shown instead of a line while disconnected
    int m_exitCode = -1;
};

} // namespace hb::stats
