#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <exception>

namespace hb {

// Runs `done` with the future's result on `context`'s thread once it is ready, or `failed` with
// the reason if the future failed (the store's futures carry a PostgresError). Never blocks:
// the server's way of waiting for PostgreSQL (the subcommands use awaitFuture instead). Nothing
// runs if `context` is gone by then.
template <class T, class Done, class Failed>
void whenReady(QObject *context, QFuture<T> future, Done done, Failed failed)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, done, failed] {
        watcher->deleteLater();
        try {
            done(watcher->result());
        } catch (const std::exception &e) {
            failed(QString::fromUtf8(e.what()));
        }
    });
    watcher->setFuture(future);
}

} // namespace hb
