#pragma once

#include "domain/Session.h"

#include <QString>
#include <QtGlobal>

namespace hb {

// One open pairing request as staff see it in a `requests` message.
struct RequestSummary
{
    QString requestId;
    Party customer;
    qint64 createdAtMs = 0;
    int offeredTo = 0; // how many mitras have been offered it so far

    friend bool operator==(const RequestSummary &, const RequestSummary &) = default;
};

} // namespace hb
