#pragma once

#include "LatencyRecorder.h"
#include "RespReader.h"
#include "RoundTripProbe.h"

#include <QObject>
#include <QString>
#include <QTcpSocket>
#include <QUrl>
#include <memory>

namespace hb::bench {

// The floor of one atomic decision in Valkey: `EVALSHA` of a script that only returns 1, one at
// a time, over a plain TCP socket driven by the Qt event loop (as the backend's client is).
// Each pairing runs several scripts, so this bounds from below what they can cost.
class ValkeyProbe : public QObject
{
    Q_OBJECT
public:
    ValkeyProbe(const QUrl &url, int samples, QObject *parent = nullptr);

    void start();
    bool isDone() const { return m_failed || (m_probe && m_probe->isDone()); }
    // Empty when it worked.
    QString error() const { return m_error; }
    const LatencyRecorder *latencies() const { return m_probe ? &m_probe->latencies() : nullptr; }

private:
    enum class Step { Auth, Load, Probe };
    void onReadyRead();
    void fail(const QString &why);

    QUrl m_url;
    int m_samples;
    QTcpSocket m_socket;
    RespReader m_reader;
    Step m_step = Step::Load;
    QByteArray m_sha;
    std::unique_ptr<RoundTripProbe> m_probe;
    bool m_failed = false;
    QString m_error;
};

} // namespace hb::bench
