#pragma once

#include "store/postgres/PostgresError.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QSignalSpy>
#include <QString>

namespace hb::test {

// Waits for `future` while the event loop runs (queued signals get delivered meanwhile).
template <class T> [[nodiscard]] bool waitForFuture(const QFuture<T> &future, int timeoutMs = 30000)
{
    if (future.isFinished())
        return true;
    QFutureWatcher<T> watcher;
    QSignalSpy finished(&watcher, &QFutureWatcherBase::finished);
    watcher.setFuture(future);
    return future.isFinished() || finished.wait(timeoutMs);
}

// The message a finished future failed with; empty if it succeeded.
template <class T> QString failureOf(QFuture<T> future)
{
    try {
        future.waitForFinished();
    } catch (const PostgresError &e) {
        return e.message();
    } catch (const std::exception &e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

} // namespace hb::test
