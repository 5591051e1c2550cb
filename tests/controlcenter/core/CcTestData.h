#pragma once

// Builders for the data the control center's models are fed in tests.
#include "domain/Session.h"
#include "protocol/RequestSummary.h"
#include "protocol/StatsSnapshot.h"

#include <QList>
#include <QString>

namespace hb::cc::test {

constexpr qint64 kT0 = 1775402269123; // 2026-04-05T15:17:49.123Z

inline MitraStats mitra(const QString &id, int active = 0, int max = 3, bool online = true,
                        CapacitySource source = CapacitySource::Global)
{
    MitraStats m;
    m.id = id;
    m.name = QStringLiteral("Name of ") + id;
    m.status = online ? PresenceStatus::Online : PresenceStatus::Offline;
    m.activeSessions = active;
    m.maxCustomers = max;
    m.capacitySource = source;
    m.statusSinceMs = kT0;
    return m;
}

inline StatsSnapshot stats(const QList<MitraStats> &mitras)
{
    StatsSnapshot s;
    s.atMs = kT0;
    for (const MitraStats &m : mitras) {
        s.activeChats += m.activeSessions;
        if (m.status == PresenceStatus::Online)
            ++s.activeMitras;
    }
    s.mitras = mitras;
    s.defaultMaxCustomers = 3;
    return s;
}

inline Session session(const QString &id, const QString &mitraId, qint64 startedAtMs = kT0,
                       SessionState state = SessionState::Active)
{
    return Session{id,
                   QStringLiteral("r-") + id,
                   Party{QStringLiteral("c-") + id, QStringLiteral("Customer ") + id},
                   Party{mitraId, QStringLiteral("Name of ") + mitraId},
                   state,
                   startedAtMs};
}

inline RequestSummary request(const QString &id, qint64 createdAtMs, int offeredTo = 0)
{
    return RequestSummary{id, Party{QStringLiteral("c-") + id, QStringLiteral("Cust ") + id},
                          createdAtMs, offeredTo};
}

} // namespace hb::cc::test
