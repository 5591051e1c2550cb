#pragma once

#include "ClientMessage.h"

#include <QJsonObject>

namespace hb {

// The JSON of a client message, as the control center, the simulator and test clients send it.
// The inverse of parseClientMessage(): parsing the result gives the same message back. The
// `type` written is the payload's, so a message whose `type` disagrees cannot be produced.
QJsonObject toJson(const ClientMessage &message);

} // namespace hb
