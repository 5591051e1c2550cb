#pragma once

// A small control-center world on the wire, for the widget tests: four mitras (one over
// capacity, one offline still serving), their sessions and two waiting customers. Times are
// around the fake server's clock (its `welcome` says 2026-04-05T15:17:49.123Z).
#include "protocol/Time.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace hb::ui::test {

constexpr qint64 kServerNow = 1775402269123; // the fake's server_time

inline QJsonObject wireMitra(const QString &id, const QString &name, bool online, int active,
                             int max, bool own, qint64 sinceMs)
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("name"), name},
                       {QStringLiteral("status"), online ? QStringLiteral("online") : QStringLiteral("offline")},
                       {QStringLiteral("active_sessions"), active},
                       {QStringLiteral("max_customers"), max},
                       {QStringLiteral("capacity_source"), own ? QStringLiteral("mitra") : QStringLiteral("global")},
                       {QStringLiteral("status_since"), hb::isoTime(sinceMs)},
                       {QStringLiteral("over_capacity"), active > max}};
}

inline QJsonObject wireStats(const QJsonArray &mitras, int pending, int defaultMax = 3)
{
    int chats = 0;
    int online = 0;
    for (const auto &value : mitras) {
        const QJsonObject m = value.toObject();
        chats += m.value(QStringLiteral("active_sessions")).toInt();
        online += m.value(QStringLiteral("status")).toString() == QStringLiteral("online") ? 1 : 0;
    }
    return QJsonObject{{QStringLiteral("at"), hb::isoTime(kServerNow)},
                       {QStringLiteral("active_chats"), chats},
                       {QStringLiteral("active_mitras"), online},
                       {QStringLiteral("pending_requests"), pending},
                       {QStringLiteral("default_max_customers"), defaultMax},
                       {QStringLiteral("mitras"), mitras}};
}

inline QJsonObject wireSession(const QString &id, const QString &customer, const QString &mitraId,
                               const QString &mitraName, bool active, qint64 startedMs)
{
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("request_id"), QString(QStringLiteral("r-") + id)},
        {QStringLiteral("customer"),
         QJsonObject{{QStringLiteral("id"), QString(QStringLiteral("c-") + id)}, {QStringLiteral("name"), customer}}},
        {QStringLiteral("mitra"), QJsonObject{{QStringLiteral("id"), mitraId}, {QStringLiteral("name"), mitraName}}},
        {QStringLiteral("state"), active ? QStringLiteral("active") : QStringLiteral("awaiting_payment")},
        {QStringLiteral("started_at"), hb::isoTime(startedMs)}};
}

inline QJsonObject wireRequest(const QString &id, const QString &customer, qint64 createdMs,
                               int offeredTo)
{
    return QJsonObject{
        {QStringLiteral("request_id"), id},
        {QStringLiteral("customer"),
         QJsonObject{{QStringLiteral("id"), QString(QStringLiteral("c-") + id)}, {QStringLiteral("name"), customer}}},
        {QStringLiteral("created_at"), hb::isoTime(createdMs)},
        {QStringLiteral("offered_to"), offeredTo}};
}

// Sari 2/3, Dewi 0/3, Budi 4/3 (own capacity, over), Rina offline 1/5 (own capacity).
inline QJsonArray sampleMitras()
{
    const qint64 hour = 3600 * 1000;
    return {wireMitra(QStringLiteral("m-1"), QStringLiteral("Sari"), true, 2, 3, false, kServerNow - 2 * hour),
            wireMitra(QStringLiteral("m-2"), QStringLiteral("Dewi"), true, 0, 3, false, kServerNow - hour),
            wireMitra(QStringLiteral("m-3"), QStringLiteral("Budi"), true, 4, 3, true, kServerNow - 3 * hour),
            wireMitra(QStringLiteral("m-4"), QStringLiteral("Rina"), false, 1, 5, true, kServerNow - 600000)};
}

inline QJsonArray sampleSessions()
{
    const qint64 minute = 60 * 1000;
    return {wireSession(QStringLiteral("s-1"), QStringLiteral("Ani"), QStringLiteral("m-1"), QStringLiteral("Sari"), true, kServerNow - 30 * minute),
            wireSession(QStringLiteral("s-2"), QStringLiteral("Bima"), QStringLiteral("m-1"), QStringLiteral("Sari"), false, kServerNow - minute),
            wireSession(QStringLiteral("s-3"), QStringLiteral("Cici"), QStringLiteral("m-3"), QStringLiteral("Budi"), true, kServerNow - 50 * minute),
            wireSession(QStringLiteral("s-4"), QStringLiteral("Dodi"), QStringLiteral("m-3"), QStringLiteral("Budi"), true, kServerNow - 40 * minute),
            wireSession(QStringLiteral("s-5"), QStringLiteral("Eka"), QStringLiteral("m-3"), QStringLiteral("Budi"), true, kServerNow - 20 * minute),
            wireSession(QStringLiteral("s-6"), QStringLiteral("Fani"), QStringLiteral("m-3"), QStringLiteral("Budi"), true, kServerNow - 10 * minute),
            wireSession(QStringLiteral("s-7"), QStringLiteral("Gita"), QStringLiteral("m-4"), QStringLiteral("Rina"), true, kServerNow - 5 * minute)};
}

inline QJsonArray sampleRequests()
{
    return {wireRequest(QStringLiteral("r-1"), QStringLiteral("Citra"), kServerNow - 90 * 1000, 2),
            wireRequest(QStringLiteral("r-2"), QStringLiteral("Doni"), kServerNow - 10 * 1000, 0)};
}

inline QJsonObject errorReply(const QString &code, const QString &message)
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("error")},
                       {QStringLiteral("code"), code},
                       {QStringLiteral("message"), message}};
}

} // namespace hb::ui::test
