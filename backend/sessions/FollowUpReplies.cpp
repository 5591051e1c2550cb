#include "FollowUpReplies.h"

#include "SessionScriptReplies.h"
#include "store/valkey/ValkeyReply.h"

namespace hb::followupreplies {

namespace {

FollowUp::Kind followUpKindOf(const QByteArray &kind)
{
    if (kind == "accept")
        return FollowUp::Kind::Accept;
    if (kind == "end")
        return FollowUp::Kind::End;
    return FollowUp::Kind::Unknown;
}

// {member, kind, sid, {extra...}, session | 'gone', customer_instance, mitra_instance,
//  {mitra, instance}...}
std::optional<FollowUp> followUpFrom(const ValkeyReply &entry)
{
    const auto &e = entry.elements();
    if (!entry.isArray() || e.size() < 7 || !e.at(3).isArray())
        return std::nullopt;
    FollowUp f;
    f.member = e.at(0).toByteArray();
    f.kind = followUpKindOf(e.at(1).toByteArray());
    f.sessionId = e.at(2).toText();
    if (f.member.isEmpty() || f.sessionId.isEmpty())
        return std::nullopt;
    if (e.at(4).isArray()) {
        f.session = sessionreplies::parseSessionEntry(e.at(4));
        if (!f.session)
            return std::nullopt;
    } else if (e.at(4).toByteArray() != "gone") {
        return std::nullopt;
    }
    f.customerInstance = e.at(5).toText();
    f.mitraInstance = e.at(6).toText();
    for (qsizetype i = 7; i < e.size(); ++i) {
        const auto &pair = e.at(i).elements();
        if (!e.at(i).isArray() || pair.size() != 2 || pair.at(0).toText().isEmpty())
            return std::nullopt;
        f.losers.append({pair.at(0).toText(), pair.at(1).toText()});
    }
    if (f.kind == FollowUp::Kind::End) {
        const auto reason = sessionEndReasonFromString(e.at(3).elements().value(0).toText());
        if (!reason)
            return std::nullopt;
        f.endReason = *reason;
    }
    return f;
}

} // namespace

std::optional<FollowUpsClaimReply> parseFollowUpsClaim(const ValkeyReply &reply)
{
    // An empty Lua table comes back as an empty array.
    if (!reply.isArray())
        return std::nullopt;
    FollowUpsClaimReply r;
    for (const ValkeyReply &entry : reply.elements()) {
        if (const auto f = followUpFrom(entry))
            r.claimed.append(*f);
        else
            r.malformed.append(entry.elements().value(0).toByteArray());
    }
    return r;
}

} // namespace hb::followupreplies
