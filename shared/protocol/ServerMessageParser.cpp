#include "ServerMessageParser.h"

#include "SessionJson.h"
#include "Time.h"
#include "domain/CapacityRule.h"
#include "domain/Presence.h"

#include <cmath>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <limits>

namespace hb {

namespace {

// Thrown inside the field readers and turned into ServerParseResult::error at the top, so each
// reader states its expectations in one line instead of checking every step.
struct Malformed
{
    QString message;
};

[[noreturn]] void fail(const QString &message)
{
    throw Malformed{message};
}

QJsonValue field(const QJsonObject &o, const char *name)
{
    return o.value(QLatin1String(name));
}

QString string(const QJsonObject &o, const char *name)
{
    const QJsonValue v = field(o, name);
    if (!v.isString())
        fail(QStringLiteral("field '%1' must be a string").arg(QLatin1String(name)));
    return v.toString();
}

QString nonEmptyString(const QJsonObject &o, const char *name)
{
    QString s = string(o, name);
    if (s.isEmpty())
        fail(QStringLiteral("field '%1' must not be empty").arg(QLatin1String(name)));
    return s;
}

std::optional<QString> nullableString(const QJsonObject &o, const char *name)
{
    const QJsonValue v = field(o, name);
    if (v.isNull() || v.isUndefined())
        return std::nullopt;
    if (!v.isString())
        fail(QStringLiteral("field '%1' must be a string or null").arg(QLatin1String(name)));
    return v.toString();
}

// JSON numbers are doubles: an integer must be one exactly, within the range asked.
qint64 integer(const QJsonValue &v, const char *name, qint64 min, qint64 max)
{
    const double d = v.toDouble();
    // Range first: converting a double beyond qint64 is undefined behaviour (found by
    // tests/fuzz/fuzz_server_message). 2^53 bounds every integer a double holds exactly.
    if (!v.isDouble() || !std::isfinite(d) || std::fabs(d) > 9007199254740992.0 ||
        d != std::floor(d) || d < double(min) || d > double(max))
        fail(QStringLiteral("field '%1' must be an integer").arg(QLatin1String(name)));
    return qint64(d);
}

int count(const QJsonObject &o, const char *name)
{
    return int(integer(field(o, name), name, 0, std::numeric_limits<int>::max()));
}

bool boolean(const QJsonObject &o, const char *name)
{
    const QJsonValue v = field(o, name);
    if (!v.isBool())
        fail(QStringLiteral("field '%1' must be true or false").arg(QLatin1String(name)));
    return v.toBool();
}

qint64 time(const QJsonObject &o, const char *name)
{
    const auto t = parseIsoTime(field(o, name).toString());
    if (!t)
        fail(QStringLiteral("field '%1' must be a time").arg(QLatin1String(name)));
    return *t;
}

std::optional<qint64> nullableTime(const QJsonObject &o, const char *name)
{
    const QJsonValue v = field(o, name);
    if (v.isNull() || v.isUndefined())
        return std::nullopt;
    return time(o, name);
}

QJsonArray array(const QJsonObject &o, const char *name)
{
    const QJsonValue v = field(o, name);
    if (!v.isArray())
        fail(QStringLiteral("field '%1' must be an array").arg(QLatin1String(name)));
    return v.toArray();
}

QJsonObject object(const QJsonValue &v, const char *what)
{
    if (!v.isObject())
        fail(QStringLiteral("%1 must be an object").arg(QLatin1String(what)));
    return v.toObject();
}

Session session(const QJsonValue &v)
{
    auto s = sessionFromJson(v);
    if (!s)
        fail(QStringLiteral("malformed session"));
    return *s;
}

servermsg::Welcome welcome(const QJsonObject &o)
{
    servermsg::Welcome w;
    const auto role = roleFromString(string(o, "role"));
    if (!role)
        fail(QStringLiteral("field 'role' is not a known role"));
    w.role = *role;
    w.userId = nonEmptyString(o, "user_id");
    w.name = string(o, "name");
    w.serverTimeMs = time(o, "server_time");
    w.heartbeatIntervalS = count(o, "heartbeat_interval_s");
    w.heartbeatTimeoutS = count(o, "heartbeat_timeout_s");
    w.token = nullableString(o, "token");
    if (const auto staffRole = nullableString(o, "staff_role")) {
        w.staffRole = staffRoleFromString(*staffRole);
        if (!w.staffRole)
            fail(QStringLiteral("field 'staff_role' is not a known staff role"));
    }
    w.serverInstance = nullableString(o, "server_instance").value_or(QString());
    return w;
}

servermsg::Error error(const QJsonObject &o)
{
    servermsg::Error e;
    e.codeText = string(o, "code");
    e.code = errorCodeFromString(e.codeText);
    // The message is for people; a missing one must not hide the code.
    e.message = field(o, "message").toString();
    return e;
}

MitraStats mitraStats(const QJsonValue &value)
{
    const QJsonObject o = object(value, "a mitra in 'mitras'");
    MitraStats m;
    m.id = nonEmptyString(o, "id");
    m.name = string(o, "name");
    const auto status = presenceStatusFromString(string(o, "status"));
    if (!status)
        fail(QStringLiteral("mitra %1: field 'status' must be \"online\" or \"offline\"").arg(m.id));
    m.status = *status;
    m.activeSessions = count(o, "active_sessions");
    m.maxCustomers = count(o, "max_customers");
    const auto source = capacitySourceFromString(string(o, "capacity_source"));
    if (!source)
        fail(QStringLiteral("mitra %1: field 'capacity_source' is not known").arg(m.id));
    m.capacitySource = *source;
    m.statusSinceMs = nullableTime(o, "status_since");
    // `over_capacity` is not read: MitraStats derives it from the two numbers it compares.
    return m;
}

StatsSnapshot stats(const QJsonObject &o)
{
    StatsSnapshot s;
    s.atMs = time(o, "at");
    s.activeChats = count(o, "active_chats");
    s.activeMitras = count(o, "active_mitras");
    s.pendingRequests = count(o, "pending_requests");
    const QJsonValue global = field(o, "default_max_customers");
    if (!global.isUndefined() && !global.isNull())
        s.defaultMaxCustomers = int(integer(global, "default_max_customers", 0, kMaxCapacity));
    const QJsonArray mitras = array(o, "mitras");
    s.mitras.reserve(mitras.size());
    for (const QJsonValue &m : mitras)
        s.mitras.append(mitraStats(m));
    return s;
}

servermsg::CapacityUpdated capacityUpdated(const QJsonObject &o)
{
    servermsg::CapacityUpdated c;
    const auto scope = capacityScopeFromString(string(o, "scope"));
    if (!scope)
        fail(QStringLiteral("field 'scope' must be \"global\" or \"mitra\""));
    c.scope = *scope;
    const QJsonValue max = field(o, "max_customers");
    if (c.scope == CapacityScope::Mitra) {
        c.mitraId = nonEmptyString(o, "mitra_id");
        if (!max.isNull())
            c.maxCustomers = int(integer(max, "max_customers", kMinCapacity, kMaxCapacity));
    } else {
        c.maxCustomers = int(integer(max, "max_customers", kMinCapacity, kMaxCapacity));
    }
    return c;
}

servermsg::Sessions sessions(const QJsonObject &o)
{
    servermsg::Sessions s;
    const QJsonArray list = array(o, "sessions");
    s.sessions.reserve(list.size());
    for (const QJsonValue &v : list)
        s.sessions.append(session(v));
    return s;
}

servermsg::Requests requests(const QJsonObject &o)
{
    servermsg::Requests r;
    const QJsonArray list = array(o, "requests");
    r.requests.reserve(list.size());
    for (const QJsonValue &v : list) {
        const QJsonObject item = object(v, "a request");
        RequestSummary summary;
        summary.requestId = nonEmptyString(item, "request_id");
        const auto customer = partyFromJson(field(item, "customer"));
        if (!customer)
            fail(QStringLiteral("request %1: malformed customer").arg(summary.requestId));
        summary.customer = *customer;
        summary.createdAtMs = time(item, "created_at");
        summary.offeredTo = count(item, "offered_to");
        r.requests.append(summary);
    }
    return r;
}

servermsg::PresenceHistory presenceHistory(const QJsonObject &o)
{
    servermsg::PresenceHistory h;
    h.mitraId = nonEmptyString(o, "mitra_id");
    for (const QJsonValue &v : array(o, "intervals")) {
        const QJsonObject item = object(v, "an interval");
        PresenceInterval interval;
        interval.mitraId = h.mitraId;
        interval.onlineAtMs = time(item, "online_at");
        interval.offlineAtMs = nullableTime(item, "offline_at");
        interval.reason = nullableString(item, "reason").value_or(QString());
        h.intervals.append(interval);
    }
    return h;
}

servermsg::MitraForcedOffline mitraForcedOffline(const QJsonObject &o)
{
    servermsg::MitraForcedOffline f;
    f.mitraId = nonEmptyString(o, "mitra_id");
    f.wasOnline = boolean(o, "was_online");
    // Both lists are empty when nothing was asked to move; accept them missing too.
    if (o.contains(QLatin1String("rerouted"))) {
        for (const QJsonValue &v : array(o, "rerouted")) {
            const QJsonObject item = object(v, "an entry of 'rerouted'");
            f.rerouted.append({nonEmptyString(item, "session_id"),
                               nonEmptyString(item, "to_mitra_id")});
        }
    }
    if (o.contains(QLatin1String("kept"))) {
        for (const QJsonValue &v : array(o, "kept")) {
            if (!v.isString())
                fail(QStringLiteral("field 'kept' must hold session ids"));
            f.kept.append(v.toString());
        }
    }
    return f;
}

// An object, or Undefined for null/missing (AuditEntry's "none").
QJsonValue objectOrNone(const QJsonObject &o, const char *name)
{
    const QJsonValue v = field(o, name);
    if (v.isUndefined() || v.isNull())
        return QJsonValue(QJsonValue::Undefined);
    if (!v.isObject())
        fail(QStringLiteral("field '%1' must be an object or null").arg(QLatin1String(name)));
    return v;
}

servermsg::Audit audit(const QJsonObject &o)
{
    servermsg::Audit a;
    a.more = boolean(o, "more");
    for (const QJsonValue &v : array(o, "entries")) {
        const QJsonObject item = object(v, "an audit entry");
        AuditEntry e;
        e.id = integer(field(item, "id"), "id", 0, qint64(1) << 53);
        e.atMs = time(item, "at");
        const QJsonValue actor = field(item, "actor");
        if (!actor.isNull() && !actor.isUndefined()) {
            const auto party = partyFromJson(actor);
            if (!party)
                fail(QStringLiteral("audit entry %1: malformed actor").arg(e.id));
            e.actorId = party->id;
            if (e.actorId.isEmpty())
                fail(QStringLiteral("audit entry %1: empty actor id").arg(e.id));
            e.actorName = party->name;
        }
        e.action = nonEmptyString(item, "action");
        e.target = nullableString(item, "target").value_or(QString());
        e.before = objectOrNone(item, "before");
        e.after = objectOrNone(item, "after");
        e.address = nullableString(item, "address").value_or(QString());
        a.entries.append(e);
    }
    return a;
}

ServerPayload payloadFor(const QString &type, const QJsonObject &o)
{
    if (type == QLatin1String("welcome"))
        return welcome(o);
    if (type == QLatin1String("error"))
        return error(o);
    if (type == QLatin1String("stats"))
        return stats(o);
    if (type == QLatin1String("capacity.updated"))
        return capacityUpdated(o);
    if (type == QLatin1String("session.rerouted"))
        return servermsg::SessionRerouted{session(field(o, "session"))};
    if (type == QLatin1String("sessions"))
        return sessions(o);
    if (type == QLatin1String("requests"))
        return requests(o);
    if (type == QLatin1String("presence.history"))
        return presenceHistory(o);
    if (type == QLatin1String("mitra.forced_offline"))
        return mitraForcedOffline(o);
    if (type == QLatin1String("audit"))
        return audit(o);
    return servermsg::Other{type};
}

} // namespace

ServerParseResult parseServerMessage(const QJsonObject &object)
{
    ServerParseResult result;
    const QJsonValue ref = object.value(QLatin1String("ref"));
    if (ref.isString())
        result.ref = ref.toString();
    const QJsonValue type = object.value(QLatin1String("type"));
    if (!type.isString() || type.toString().isEmpty()) {
        result.error = QStringLiteral("missing field 'type'");
        return result;
    }
    const QString typeName = type.toString();
    try {
        result.message = ServerMessage{typeName, result.ref, payloadFor(typeName, object)};
    } catch (const Malformed &m) {
        result.error = typeName + QStringLiteral(": ") + m.message;
    }
    return result;
}

ServerParseResult parseServerMessage(QByteArrayView frame)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(frame.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        ServerParseResult result;
        result.error = QStringLiteral("invalid JSON: ") + parseError.errorString();
        return result;
    }
    if (!doc.isObject()) {
        ServerParseResult result;
        result.error = QStringLiteral("message must be a JSON object");
        return result;
    }
    return parseServerMessage(doc.object());
}

} // namespace hb
