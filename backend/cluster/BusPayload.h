#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>

// What one PUBLISH on an instance's bus channel carries (cluster/InstanceBus), as pure functions:
// no I/O, so the fuzzer (tests/fuzz) and unit tests reach them without Valkey.
namespace hb::busPayload {

// One event as itself, several as {"kind":"batch","events":[...]}.
QByteArray encode(const QJsonArray &events);
// The events of one payload, in order; empty if it is malformed (another instance's payload is
// input like any other: never trusted to be well-formed).
QList<QJsonObject> decode(const QByteArray &payload);

} // namespace hb::busPayload
