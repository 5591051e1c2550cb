#pragma once

#include "domain/Session.h"

#include <QJsonObject>
#include <QJsonValue>
#include <optional>

namespace hb {

// The JSON shapes PARTY `{"id","name"}` and SESSION of protocol v1, both ways: the server
// writes them, the control center and test clients read them back.
QJsonObject toJson(const Party &party);
QJsonObject toJson(const Session &session);

// Empty unless every field is present with the right type (extra fields are ignored).
std::optional<Party> partyFromJson(const QJsonValue &value);
std::optional<Session> sessionFromJson(const QJsonValue &value);

} // namespace hb
