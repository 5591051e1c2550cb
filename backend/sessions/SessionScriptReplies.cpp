#include "SessionScriptReplies.h"

#include "store/valkey/ValkeyReply.h"

namespace hb::sessionreplies {

namespace {

// {sid, ended_ms, customer, customer_instance, mitra, mitra_instance, available} from `first`.
std::optional<ClosedSession> closedFrom(const QList<ValkeyReply> &e, qsizetype first)
{
    if (e.size() != first + 7)
        return std::nullopt;
    bool endedOk = false;
    bool availableOk = false;
    ClosedSession c;
    c.sessionId = e.at(first).toText();
    c.endedAtMs = e.at(first + 1).toInteger(&endedOk);
    c.customerId = e.at(first + 2).toText();
    c.customerInstance = e.at(first + 3).toText();
    c.mitraId = e.at(first + 4).toText();
    c.mitraInstance = e.at(first + 5).toText();
    const qint64 available = e.at(first + 6).toInteger(&availableOk);
    if (!endedOk || !availableOk || c.sessionId.isEmpty() || c.mitraId.isEmpty())
        return std::nullopt;
    c.mitraAvailable = available == 1;
    return c;
}

// The refusals the session scripts share: {'not_found'}, {'forbidden'}, {'conflict', state}.
struct Refused
{
    QByteArray verdict;
    QString detail;
};
std::optional<Refused> refusalIn(const QList<ValkeyReply> &e)
{
    const QByteArray verdict = e.value(0).toByteArray();
    if ((verdict == "not_found" || verdict == "forbidden") && e.size() == 1)
        return Refused{verdict, {}};
    if (verdict == "conflict" && e.size() == 2)
        return Refused{verdict, e.at(1).toText()};
    return std::nullopt;
}

} // namespace

std::optional<Session> parseSessionEntry(const ValkeyReply &entry)
{
    const auto &e = entry.elements();
    if (!entry.isArray() || e.size() != 9 || e.at(0).toByteArray() != "session")
        return std::nullopt;
    const auto state = sessionStateFromString(e.at(7).toText());
    bool createdOk = false;
    Session s;
    s.id = e.at(1).toText();
    s.requestId = e.at(2).toText();
    s.customer = Party{e.at(3).toText(), e.at(4).toText()};
    s.mitra = Party{e.at(5).toText(), e.at(6).toText()};
    s.startedAtMs = e.at(8).toInteger(&createdOk);
    if (!state || !createdOk || s.id.isEmpty())
        return std::nullopt;
    s.state = *state;
    return s;
}

std::optional<SessionStartReply> parseSessionStart(const ValkeyReply &reply)
{
    using Verdict = SessionStartReply::Verdict;
    const auto &e = reply.elements();
    SessionStartReply r;
    if (const auto refused = refusalIn(e)) {
        if (refused->verdict == "forbidden") // session_start asks no user
            return std::nullopt;
        r.verdict = refused->verdict == "not_found" ? Verdict::NotFound : Verdict::Conflict;
        r.conflictState = refused->detail;
        return r;
    }
    if (e.value(0).toByteArray() != "ok" || e.size() != 5)
        return std::nullopt;
    bool startedOk = false;
    const qint64 startedAt = e.at(1).toInteger(&startedOk);
    const auto session = parseSessionEntry(e.at(2));
    if (!startedOk || !session)
        return std::nullopt;
    r.verdict = Verdict::Started;
    r.session = *session;
    r.session.startedAtMs = startedAt;
    r.customerInstance = e.at(3).toText();
    r.mitraInstance = e.at(4).toText();
    return r;
}

std::optional<SessionEndReply> parseSessionEnd(const ValkeyReply &reply)
{
    using Verdict = SessionEndReply::Verdict;
    const auto &e = reply.elements();
    SessionEndReply r;
    if (const auto refused = refusalIn(e)) {
        r.verdict = refused->verdict == "not_found"   ? Verdict::NotFound
                    : refused->verdict == "forbidden" ? Verdict::Forbidden
                                                      : Verdict::Conflict;
        r.conflictState = refused->detail;
        return r;
    }
    // {'ok', closed session..., follow-up member}
    if (e.value(0).toByteArray() != "ok" || e.size() < 2)
        return std::nullopt;
    const auto closed = closedFrom(e.mid(0, e.size() - 1), 1);
    r.followUp = e.last().toByteArray();
    if (!closed || r.followUp.isEmpty())
        return std::nullopt;
    r.verdict = Verdict::Ended;
    r.closed = *closed;
    return r;
}

std::optional<PaymentFailReply> parsePaymentFail(const ValkeyReply &reply)
{
    // An empty Lua table comes back as an empty array.
    if (!reply.isArray())
        return std::nullopt;
    PaymentFailReply r;
    for (const ValkeyReply &item : reply.elements()) {
        const auto closed = closedFrom(item.elements(), 0);
        if (!item.isArray() || !closed)
            return std::nullopt;
        r.ended.append(*closed);
    }
    return r;
}

} // namespace hb::sessionreplies
