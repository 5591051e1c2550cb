#include "ClientMessageParser.h"

#include "AuditEntry.h"
#include "TextRules.h"
#include "Time.h"
#include "domain/CapacityRule.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>
#include <cmath>

namespace hb {

namespace {

// A payload, or the human message of a bad_request.
using PayloadOrError = std::variant<ClientPayload, QString>;

QString quoted(QLatin1String key)
{
    return QLatin1Char('\'') + key + QLatin1Char('\'');
}

QString missing(QLatin1String key)
{
    return QStringLiteral("missing field ") + quoted(key);
}

// Reads a required, non-empty string of at most maxLength characters. Returns the error
// message on failure.
std::optional<QString> readString(const QJsonObject &object, QLatin1String key, qsizetype maxLength,
                                  QString &out)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined())
        return missing(key);
    if (!value.isString())
        return QStringLiteral("field ") + quoted(key) + QStringLiteral(" must be a string");
    const QString text = value.toString();
    if (text.isEmpty())
        return QStringLiteral("field ") + quoted(key) + QStringLiteral(" must not be empty");
    if (text.size() > maxLength) {
        return QStringLiteral("field ") + quoted(key) + QStringLiteral(" must be at most ") +
               QString::number(maxLength) + QStringLiteral(" characters");
    }
    out = text;
    return std::nullopt;
}

// A string that names something (an id, a username): readString() and no control characters.
std::optional<QString> readName(const QJsonObject &object, QLatin1String key, qsizetype maxLength,
                                QString &out)
{
    QString text;
    if (auto e = readString(object, key, maxLength, text))
        return e;
    if (hasControlCharacters(text))
        return QStringLiteral("field ") + quoted(key) +
               QStringLiteral(" must not contain control characters");
    out = text;
    return std::nullopt;
}

std::optional<QString> readId(const QJsonObject &object, QLatin1String key, QString &out)
{
    return readName(object, key, kMaxIdLength, out);
}

std::optional<QString> readTime(const QJsonObject &object, QLatin1String key, qint64 &out)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined())
        return missing(key);
    const std::optional<qint64> ms =
        value.isString() ? parseIsoTime(value.toString()) : std::nullopt;
    if (!ms) {
        return QStringLiteral("field ") + quoted(key) +
               QStringLiteral(" must be an ISO-8601 time such as \"2026-04-05T15:17:49.123Z\"");
    }
    out = *ms;
    return std::nullopt;
}

PayloadOrError parseHello(const QJsonObject &o)
{
    clientmsg::Hello m;
    if (auto e = readString(o, QLatin1String("token"), kMaxTokenLength, m.token))
        return *e;
    return m;
}

PayloadOrError parseLogin(const QJsonObject &o)
{
    clientmsg::Login m;
    if (auto e = readName(o, QLatin1String("username"), kMaxUsernameLength, m.username))
        return *e;
    if (auto e = readString(o, QLatin1String("password"), kMaxPasswordLength, m.password))
        return *e;
    return m;
}

PayloadOrError parsePresenceSet(const QJsonObject &o)
{
    const QJsonValue value = o.value(QLatin1String("status"));
    if (value.isUndefined())
        return missing(QLatin1String("status"));
    const auto status = presenceStatusFromString(value.toString());
    if (!value.isString() || !status)
        return QStringLiteral("field 'status' must be \"online\" or \"offline\"");
    return clientmsg::PresenceSet{*status};
}

template <class T> PayloadOrError parseRequestIdOnly(const QJsonObject &o)
{
    T m;
    if (auto e = readId(o, QLatin1String("request_id"), m.requestId))
        return *e;
    return m;
}

PayloadOrError parseSessionEnd(const QJsonObject &o)
{
    clientmsg::SessionEnd m;
    if (auto e = readId(o, QLatin1String("session_id"), m.sessionId))
        return *e;
    return m;
}

PayloadOrError parseCapacitySet(const QJsonObject &o)
{
    clientmsg::CapacitySet m;
    const QJsonValue scope = o.value(QLatin1String("scope"));
    if (scope.isUndefined())
        return missing(QLatin1String("scope"));
    const auto parsedScope = capacityScopeFromString(scope.toString());
    if (!scope.isString() || !parsedScope)
        return QStringLiteral("field 'scope' must be \"global\" or \"mitra\"");
    m.scope = *parsedScope;

    // A mitra_id sent with scope global is ignored like any other extra field.
    if (m.scope == CapacityScope::Mitra) {
        if (auto e = readId(o, QLatin1String("mitra_id"), m.mitraId))
            return *e;
    }

    // null is meaningful (back to the global value), so the key must be present either way.
    const QJsonValue max = o.value(QLatin1String("max_customers"));
    if (max.isUndefined())
        return missing(QLatin1String("max_customers"));
    const QString range = QStringLiteral("an integer from ") + QString::number(kMinCapacity) +
                          QStringLiteral(" to ") + QString::number(kMaxCapacity);
    if (max.isNull()) {
        if (m.scope == CapacityScope::Global)
            return QStringLiteral("field 'max_customers' must be ") + range +
                   QStringLiteral(" for scope \"global\"");
        m.maxCustomers = std::nullopt;
        return m;
    }
    const double number = max.isDouble() ? max.toDouble() : std::nan("");
    if (!std::isfinite(number) || number != std::trunc(number) || number < kMinCapacity ||
        number > kMaxCapacity) {
        return QStringLiteral("field 'max_customers' must be ") + range +
               (m.scope == CapacityScope::Mitra ? QStringLiteral(" or null") : QString());
    }
    m.maxCustomers = int(number);
    return m;
}

PayloadOrError parseSessionReroute(const QJsonObject &o)
{
    clientmsg::SessionReroute m;
    if (auto e = readId(o, QLatin1String("session_id"), m.sessionId))
        return *e;
    if (auto e = readId(o, QLatin1String("to_mitra_id"), m.toMitraId))
        return *e;
    return m;
}

PayloadOrError parsePresenceHistory(const QJsonObject &o)
{
    clientmsg::PresenceHistory m;
    if (auto e = readId(o, QLatin1String("mitra_id"), m.mitraId))
        return *e;
    if (auto e = readTime(o, QLatin1String("from"), m.fromMs))
        return *e;
    if (auto e = readTime(o, QLatin1String("to"), m.toMs))
        return *e;
    if (m.fromMs > m.toMs)
        return QStringLiteral("field 'from' must not be later than field 'to'");
    return m;
}

PayloadOrError parseMitraForceOffline(const QJsonObject &o)
{
    clientmsg::MitraForceOffline m;
    if (auto e = readId(o, QLatin1String("mitra_id"), m.mitraId))
        return *e;
    const QJsonValue reroute = o.value(QLatin1String("reroute_sessions"));
    if (!reroute.isUndefined()) {
        if (!reroute.isBool())
            return QStringLiteral("field 'reroute_sessions' must be true or false");
        m.rerouteSessions = reroute.toBool();
    }
    return m;
}

// The largest integer a JSON number (an IEEE double) holds exactly: ids above it could not be
// told apart from their neighbours.
constexpr double kMaxExactInteger = 9007199254740991.0;

// An optional integer field within [min, max]: nullopt if absent, else the value or the error.
std::variant<std::optional<qint64>, QString> readOptionalInteger(const QJsonObject &object,
                                                                 QLatin1String key, double min,
                                                                 double max,
                                                                 const QString &shape)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined())
        return std::optional<qint64>();
    const double number = value.isDouble() ? value.toDouble() : std::nan("");
    if (!std::isfinite(number) || number != std::trunc(number) || number < min || number > max)
        return QStringLiteral("field ") + quoted(key) + QStringLiteral(" must be ") + shape;
    return std::optional<qint64>(qint64(number));
}

PayloadOrError parseAuditList(const QJsonObject &o)
{
    clientmsg::AuditList m;
    const QString limitShape = QStringLiteral("an integer from 1 to ") +
                               QString::number(clientmsg::AuditList::kMaxLimit);
    auto limit = readOptionalInteger(o, QLatin1String("limit"), 1,
                                     clientmsg::AuditList::kMaxLimit, limitShape);
    if (const QString *e = std::get_if<QString>(&limit))
        return *e;
    m.limit = int(std::get<std::optional<qint64>>(limit).value_or(m.limit));

    auto before = readOptionalInteger(o, QLatin1String("before_id"), 1, kMaxExactInteger,
                                      QStringLiteral("a positive integer"));
    if (const QString *e = std::get_if<QString>(&before))
        return *e;
    m.beforeId = std::get<std::optional<qint64>>(before);

    const QJsonValue action = o.value(QLatin1String("action"));
    if (!action.isUndefined()) {
        const QStringList known = auditActions();
        if (!action.isString() || !known.contains(action.toString()))
            return QStringLiteral("field 'action' must be one of ") +
                   known.join(QStringLiteral(", "));
        m.action = action.toString();
    }
    return m;
}

PayloadOrError parsePayload(ClientMessageType type, const QJsonObject &o)
{
    switch (type) {
    case ClientMessageType::Hello:
        return parseHello(o);
    case ClientMessageType::Login:
        return parseLogin(o);
    case ClientMessageType::PresenceSet:
        return parsePresenceSet(o);
    case ClientMessageType::Heartbeat:
        return clientmsg::Heartbeat{};
    case ClientMessageType::OfferAccept:
        return parseRequestIdOnly<clientmsg::OfferAccept>(o);
    case ClientMessageType::OfferDecline:
        return parseRequestIdOnly<clientmsg::OfferDecline>(o);
    case ClientMessageType::SessionEnd:
        return parseSessionEnd(o);
    case ClientMessageType::PairingRequest:
        return clientmsg::PairingRequest{};
    case ClientMessageType::PairingCancel:
        return parseRequestIdOnly<clientmsg::PairingCancel>(o);
    case ClientMessageType::StatsSubscribe:
        return clientmsg::StatsSubscribe{};
    case ClientMessageType::CapacitySet:
        return parseCapacitySet(o);
    case ClientMessageType::SessionReroute:
        return parseSessionReroute(o);
    case ClientMessageType::SessionsList:
        return clientmsg::SessionsList{};
    case ClientMessageType::RequestsList:
        return clientmsg::RequestsList{};
    case ClientMessageType::PresenceHistory:
        return parsePresenceHistory(o);
    case ClientMessageType::MitraForceOffline:
        return parseMitraForceOffline(o);
    case ClientMessageType::AuditList:
        return parseAuditList(o);
    }
    return QStringLiteral("unsupported message type");
}

ParseResult badRequest(const QString &message, std::optional<QString> ref = std::nullopt)
{
    return ParseResult{std::nullopt, ProtocolError{ErrorCode::BadRequest, message}, std::move(ref)};
}

} // namespace

ParseResult parseClientMessage(QByteArrayView frame)
{
    // fromRawData: no copy of the frame; the view outlives the parse.
    const QByteArray bytes = QByteArray::fromRawData(frame.data(), frame.size());
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return badRequest(QStringLiteral("invalid JSON: ") + parseError.errorString() +
                          QStringLiteral(" at offset ") + QString::number(parseError.offset));
    }
    if (!document.isObject())
        return badRequest(QStringLiteral("message must be a JSON object"));
    return parseClientMessage(document.object());
}

ParseResult parseClientMessage(const QJsonObject &object)
{
    // The id first, so every later error can still be matched to the request by the client.
    std::optional<QString> id;
    if (object.contains(QLatin1String("id"))) {
        QString text;
        if (auto e = readId(object, QLatin1String("id"), text))
            return badRequest(*e);
        id = text;
    }

    const QJsonValue typeValue = object.value(QLatin1String("type"));
    if (typeValue.isUndefined())
        return badRequest(missing(QLatin1String("type")), id);
    if (!typeValue.isString())
        return badRequest(QStringLiteral("field 'type' must be a string"), id);
    const QString name = typeValue.toString();
    const std::optional<ClientMessageType> type = clientMessageTypeFromName(name);
    if (!type) {
        // Cut what we echo back: the type is the client's text, of any length.
        const QString shown = name.size() > 64 ? name.left(64) + QStringLiteral("...") : name;
        return badRequest(QStringLiteral("unknown message type '") + shown + QLatin1Char('\''), id);
    }

    PayloadOrError payload = parsePayload(*type, object);
    if (const QString *error = std::get_if<QString>(&payload))
        return badRequest(typeName(*type) + QStringLiteral(": ") + *error, id);
    return ParseResult{
        ClientMessage{*type, id, std::get<ClientPayload>(std::move(payload))}, {}, id};
}

} // namespace hb
