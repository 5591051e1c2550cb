#pragma once

#include <QEventLoop>
#include <QFuture>
#include <QFutureWatcher>
#include <QString>
#include <QTimer>

#include <exception>

namespace hb {

// For the command-line subcommands only (settings, staff), which may block: runs a local event
// loop until `future` finishes or `timeoutMs` pass. The server itself never waits like this.
// Returns false with `error` set on timeout or when the future failed.
template <typename T>
bool awaitFuture(QFuture<T> future, QString *error, int timeoutMs = 30000)
{
    QFutureWatcher<T> watcher;
    QEventLoop loop;
    QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    watcher.setFuture(future);
    loop.exec();
    if (!future.isFinished()) {
        *error = QStringLiteral("timed out after %1 s waiting for PostgreSQL").arg(timeoutMs / 1000);
        return false;
    }
    try {
        future.waitForFinished(); // rethrows the job's failure
    } catch (const std::exception &e) {
        *error = QString::fromUtf8(e.what());
        return false;
    }
    return true;
}

} // namespace hb
