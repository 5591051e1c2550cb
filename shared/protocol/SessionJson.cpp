#include "SessionJson.h"

#include "Time.h"

namespace hb {

QJsonObject toJson(const Party &party)
{
    return QJsonObject{{QStringLiteral("id"), party.id}, {QStringLiteral("name"), party.name}};
}

QJsonObject toJson(const Session &session)
{
    return QJsonObject{
        {QStringLiteral("id"), session.id},
        {QStringLiteral("request_id"), session.requestId},
        {QStringLiteral("customer"), toJson(session.customer)},
        {QStringLiteral("mitra"), toJson(session.mitra)},
        {QStringLiteral("state"), toString(session.state)},
        {QStringLiteral("started_at"), isoTime(session.startedAtMs)},
    };
}

std::optional<Party> partyFromJson(const QJsonValue &value)
{
    const QJsonObject o = value.toObject();
    const QJsonValue id = o.value(QLatin1String("id"));
    const QJsonValue name = o.value(QLatin1String("name"));
    if (!value.isObject() || !id.isString() || id.toString().isEmpty() || !name.isString())
        return std::nullopt;
    return Party{id.toString(), name.toString()};
}

std::optional<Session> sessionFromJson(const QJsonValue &value)
{
    if (!value.isObject())
        return std::nullopt;
    const QJsonObject o = value.toObject();
    const QJsonValue id = o.value(QLatin1String("id"));
    const QJsonValue requestId = o.value(QLatin1String("request_id"));
    const auto customer = partyFromJson(o.value(QLatin1String("customer")));
    const auto mitra = partyFromJson(o.value(QLatin1String("mitra")));
    const auto state = sessionStateFromString(o.value(QLatin1String("state")).toString());
    const auto startedAt = parseIsoTime(o.value(QLatin1String("started_at")).toString());
    if (!id.isString() || id.toString().isEmpty() || !requestId.isString() || !customer || !mitra ||
        !state || !startedAt) {
        return std::nullopt;
    }
    return Session{id.toString(), requestId.toString(), *customer, *mitra, *state, *startedAt};
}

} // namespace hb
