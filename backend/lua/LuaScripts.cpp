#include "LuaScripts.h"

#include <QFile>

namespace hb {

namespace {

QByteArray readResource(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("Lua source %s missing from the resources", qPrintable(path));
    return f.readAll();
}

} // namespace

// A script cannot call another script in Valkey, so logic shared by several scripts lives in
// lua/lib/<name>.lua and is pasted in where a script says `--#include <name>`.
QByteArray LuaScripts::expandIncludes(const QByteArray &source)
{
    QByteArray out;
    for (const QByteArray &line : source.split('\n')) {
        if (line.startsWith("--#include ")) {
            const QString lib = QString::fromLatin1(line.mid(11).trimmed());
            out += readResource(QStringLiteral(":/lua/lib/%1.lua").arg(lib));
            out += '\n';
        } else {
            out += line;
            out += '\n';
        }
    }
    return out;
}

namespace {

LuaScript load(const char *name)
{
    const QByteArray source =
        readResource(QStringLiteral(":/lua/%1.lua").arg(QLatin1String(name)));
    return LuaScript(QString::fromLatin1(name), LuaScripts::expandIncludes(source));
}

} // namespace

const LuaScripts &LuaScripts::instance()
{
    static const LuaScripts scripts{
        load("presence_online"),   load("presence_offline"), load("presence_heartbeat"),
        load("presence_expire"),   load("presence_restore"), load("connection_claim"),
        load("connection_release"),
        load("pick_broadcast"),    load("pick_round_robin"), load("pick_weighted"),
        load("rotation_join"),     load("rotation_leave"),
        load("request_create"),    load("request_offer"),    load("offer_accept"),
        load("offer_decline"),     load("offer_to"),         load("request_close"),
        load("requests_due"),      load("requests_waiting"), load("offers_expire"),
        load("offers_withdraw"),   load("session_start"),    load("session_end"),
        load("payment_fail"),      load("followups_claim"),
        load("resume_state"),      load("session_restore"),  load("request_restore"),
        load("capacity_set"),      load("session_reroute"),  load("mitra_force_offline"),
        load("stats_snapshot"),    load("sessions_list"),    load("requests_list"),
    };
    return scripts;
}

QList<LuaScript> LuaScripts::all() const
{
    return {presenceOnline, presenceOffline, presenceHeartbeat, presenceExpire, presenceRestore,
            connectionClaim, connectionRelease, pickBroadcast, pickRoundRobin, pickWeighted,
            rotationJoin, rotationLeave, requestCreate, requestOffer, offerAccept, offerDecline,
            offerTo, requestClose, requestsDue, requestsWaiting, offersExpire, offersWithdraw,
            sessionStart, sessionEnd, paymentFail, followUpsClaim, resumeState, sessionRestore,
            requestRestore, capacitySet, sessionReroute, mitraForceOffline, statsSnapshot,
            sessionsList, requestsList};
}

} // namespace hb
