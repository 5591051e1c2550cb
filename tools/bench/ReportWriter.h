#pragma once

#include "FloorResult.h"
#include "IdleResult.h"
#include "PairingResult.h"

#include <QList>
#include <QString>

namespace hb::bench {

// The markdown tables halobestie-bench prints (and docs/benchmarks.md quotes).
class ReportWriter
{
public:
    struct Context
    {
        QString runId;
        QString label;
        QString startedAt;
        QString customerUrl;
        QString mitraUrl;
        int cores = 0;
        QString loadBefore; // /proc/loadavg's first three fields
        QString loadAfter;
    };

    static QString markdown(const Context &context, const QList<FloorResult> &floors,
                            const QList<PairingResult> &pairings,
                            const QList<IdleResult> &idle = {});
};

} // namespace hb::bench
