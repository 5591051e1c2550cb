#pragma once

#include "store/valkey/ValkeyClient.h"
#include "store/valkey/ValkeyConfig.h"
#include "valkey/ValkeyServer.h"

#include <QSignalSpy>
#include <QTest>
#include <memory>
#include <optional>

namespace hb::test {

inline ValkeyConfig configFor(const ValkeyServer &server, int commandTimeoutMs = 2000)
{
    std::optional<ValkeyConfig> config = parseValkeyUrl(server.url());
    Q_ASSERT(config);
    config->commandTimeoutMs = commandTimeoutMs;
    return *config;
}

// A started client that has emitted connected(), or null if it did not within 5 s.
inline std::unique_ptr<ValkeyClient> connectedClient(const ValkeyServer &server,
                                                     int commandTimeoutMs = 2000)
{
    auto client = std::make_unique<ValkeyClient>(configFor(server, commandTimeoutMs));
    QSignalSpy connected(client.get(), &ValkeyClient::connected);
    client->start();
    if (!connected.wait(5000))
        return nullptr;
    return client;
}

// Issues one command and runs the event loop until its callback has run (the callback itself
// never spins the loop). nullopt if it did not run within timeoutMs: a test failure.
inline std::optional<ValkeyResult> runCommand(ValkeyClient &client, QList<QByteArray> args,
                                              int timeoutMs = 5000)
{
    std::optional<ValkeyResult> result;
    QObject context; // if we give up waiting, the callback must not write to `result` later
    client.command(std::move(args), &context, [&result](const ValkeyResult &r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, timeoutMs))
        return std::nullopt;
    return result;
}

// The same for a Lua script (EVALSHA, with its EVAL fallback).
inline std::optional<ValkeyResult> runScript(ValkeyClient &client, const LuaScript &script,
                                             const QList<QByteArray> &keys,
                                             const QList<QByteArray> &args, int timeoutMs = 5000)
{
    std::optional<ValkeyResult> result;
    QObject context;
    client.eval(script, keys, args, &context, [&result](const ValkeyResult &r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, timeoutMs))
        return std::nullopt;
    return result;
}

} // namespace hb::test
