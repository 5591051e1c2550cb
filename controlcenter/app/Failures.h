#pragma once

#include "core/ClientTypes.h"

#include <QCoreApplication>
#include <QString>

namespace hb::ui {

// Turns a failed request into a sentence for staff: what the refusal means, in the UI
// language, with the server's own words appended (they name the exact cause, e.g. which mitra).
class Failures
{
    Q_DECLARE_TR_FUNCTIONS(hb::ui::Failures)

public:
    static QString describe(const hb::cc::RequestFailure &failure);
    // The request failed only because the connection is down (the banner says so already, and
    // what the views asked for is asked again after reconnecting).
    static bool isConnectionGone(const hb::cc::RequestFailure &failure);
};

} // namespace hb::ui
