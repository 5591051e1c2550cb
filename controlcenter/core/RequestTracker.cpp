#include "RequestTracker.h"

#include <QTimer>

namespace hb::cc {

RequestTracker::RequestTracker(QObject *parent) : QObject(parent) {}

PendingRequest *RequestTracker::start(const QString &type)
{
    const QString id = QStringLiteral("cc-") + QString::number(m_nextId++);
    auto *request = new PendingRequest(id, type, this);
    m_pending.insert(id, request);
    connect(request, &PendingRequest::finished, this, [this, id] { m_pending.remove(id); });
    // The timer is the request's child: it dies with it and never fires for a finished one.
    auto *timer = new QTimer(request);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [this, id] { expire(id); });
    timer->start(m_timeoutMs);
    return request;
}

bool RequestTracker::answer(const ServerMessage &message, const QJsonObject &raw)
{
    if (!message.ref)
        return false;
    PendingRequest *request = m_pending.value(*message.ref);
    if (!request)
        return false;
    if (const auto *error = message.getIf<servermsg::Error>()) {
        request->fail(RequestFailure{RequestFailure::Kind::ServerError, error->code,
                                     error->codeText, error->message});
    } else {
        request->succeed(raw);
    }
    return true;
}

bool RequestTracker::answerUnreadable(const QString &ref, const QString &why)
{
    PendingRequest *request = m_pending.value(ref);
    if (!request)
        return false;
    request->fail(RequestFailure{RequestFailure::Kind::BadReply, std::nullopt, QString(),
                                 QStringLiteral("The server's answer could not be read: ") + why});
    return true;
}

void RequestTracker::failAll(const RequestFailure &failure)
{
    // fail() removes each from m_pending through finished(): iterate over a copy.
    const auto requests = m_pending.values();
    for (PendingRequest *request : requests)
        request->fail(failure);
}

void RequestTracker::expire(const QString &id)
{
    if (PendingRequest *request = m_pending.value(id)) {
        request->fail(RequestFailure{
            RequestFailure::Kind::TimedOut, std::nullopt, QString(),
            QStringLiteral("The server did not answer in time; the change may still happen.")});
    }
}

} // namespace hb::cc
