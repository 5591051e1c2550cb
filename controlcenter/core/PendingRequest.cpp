#include "PendingRequest.h"

namespace hb::cc {

PendingRequest::PendingRequest(QString id, QString type, QObject *parent)
    : QObject(parent), m_id(std::move(id)), m_type(std::move(type))
{
}

void PendingRequest::succeed(const QJsonObject &reply)
{
    if (m_finished)
        return;
    m_finished = true;
    m_success = true;
    m_reply = reply;
    emit succeeded(reply);
    finish();
}

void PendingRequest::fail(const RequestFailure &failure)
{
    if (m_finished)
        return;
    m_finished = true;
    m_failure = failure;
    emit failed(failure);
    finish();
}

void PendingRequest::finish()
{
    emit finished(this);
    // Receivers of finished() may still read the result; it goes away with the next event loop
    // turn, so nobody has to remember to delete it.
    deleteLater();
}

} // namespace hb::cc
