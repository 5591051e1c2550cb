#pragma once

#include <QJsonObject>
#include <QUrl>

namespace hb::bench {

// GET /health of the instance behind a WebSocket URL (ws://host:port/... -> http://host:port/
// health), waiting in the event loop up to `timeoutMs`. Empty object if it did not answer.
QJsonObject fetchHealth(const QUrl &webSocketUrl, int timeoutMs = 5000);

// The instance's durable-log backlog (`postgres_queue`), or -1 if unknown.
int postgresBacklog(const QUrl &webSocketUrl);

} // namespace hb::bench
