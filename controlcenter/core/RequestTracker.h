#pragma once

#include "core/PendingRequest.h"
#include "protocol/ServerMessageParser.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QString>

namespace hb::cc {

// Matches answers to requests: hands out the `id` for each message sent, finishes the request
// whose id comes back as `ref` (an `error` fails it, anything else succeeds it), and fails it by
// itself when no answer came within the timeout. A late answer after that is not anyone's.
class RequestTracker : public QObject
{
    Q_OBJECT

public:
    explicit RequestTracker(QObject *parent = nullptr);

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    int timeoutMs() const { return m_timeoutMs; }

    // A new request (owned by the tracker until it finishes) with a fresh id.
    PendingRequest *start(const QString &type);
    bool isPending(const QString &id) const { return m_pending.contains(id); }
    int count() const { return int(m_pending.size()); }

    // Finishes the request named by the message's ref; false when nobody waits for it.
    bool answer(const ServerMessage &message, const QJsonObject &raw);
    // A reply that could not be read: fails that request with BadReply.
    bool answerUnreadable(const QString &ref, const QString &why);
    // Fails every pending request (the connection is gone).
    void failAll(const RequestFailure &failure);

private:
    void expire(const QString &id);

    QHash<QString, PendingRequest *> m_pending;
    quint64 m_nextId = 1;
    int m_timeoutMs = 15000;
};

} // namespace hb::cc
