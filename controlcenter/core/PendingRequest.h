#pragma once

#include "core/ClientTypes.h"

#include <QJsonObject>
#include <QObject>
#include <QString>

namespace hb::cc {

// One request in flight: the client's `id` and, once the server answered (or the request timed
// out or the connection dropped), the outcome. Emits finished() exactly once, then deletes
// itself with deleteLater(): connect to it right away, do not keep the pointer afterwards.
class PendingRequest : public QObject
{
    Q_OBJECT

public:
    PendingRequest(QString id, QString type, QObject *parent = nullptr);

    QString id() const { return m_id; }
    QString type() const { return m_type; } // the message type sent, e.g. "capacity.set"

    bool isFinished() const { return m_finished; }
    bool isSuccess() const { return m_finished && m_success; }
    QJsonObject reply() const { return m_reply; }       // the server's answer on success
    RequestFailure failure() const { return m_failure; } // on failure

    // Used by the client (and tests) to finish it; later calls are ignored.
    void succeed(const QJsonObject &reply);
    void fail(const RequestFailure &failure);

signals:
    void succeeded(const QJsonObject &reply);
    void failed(const hb::cc::RequestFailure &failure);
    void finished(hb::cc::PendingRequest *request); // after succeeded/failed

private:
    void finish();

    QString m_id;
    QString m_type;
    bool m_finished = false;
    bool m_success = false;
    QJsonObject m_reply;
    RequestFailure m_failure;
};

} // namespace hb::cc
