#include "EventShipper.h"

#include "OutboxEventDecoder.h"
#include "cluster/Keys.h"
#include "store/postgres/PostgresStore.h"
#include "store/valkey/ValkeyClient.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QLoggingCategory>

namespace hb {

Q_LOGGING_CATEGORY(lcShipper, "hb.durable.shipper")

namespace {

// Calls `done` on `context`'s thread with the failure text ("" on success) once `future` ends.
void whenFinished(QObject *context, const QFuture<void> &future,
                  std::function<void(const QString &)> done)
{
    auto *watcher = new QFutureWatcher<void>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, done = std::move(done)] {
                         watcher->deleteLater();
                         QString error;
                         try {
                             watcher->waitForFinished(); // rethrows the failure, if any
                         } catch (const std::exception &e) {
                             error = QString::fromUtf8(e.what());
                             if (error.isEmpty())
                                 error = QStringLiteral("unknown failure");
                         }
                         done(error);
                     });
    watcher->setFuture(future);
}

QByteArray utf8(const QString &s)
{
    return s.toUtf8();
}

// A Valkey failure is retried after this long (the connection reconnects on its own).
constexpr int kRetryMs = 500;

} // namespace

EventShipper::EventShipper(ValkeyClient &valkey, PostgresStore &store, QString consumer,
                           Options options, QObject *parent)
    : QObject(parent), m_valkey(valkey), m_store(store), m_consumer(std::move(consumer)),
      m_options(options)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &EventShipper::cycle);
    connect(&m_deadLetterTimer, &QTimer::timeout, this, &EventShipper::countDeadLetters);
}

void EventShipper::countDeadLetters()
{
    if (!m_started || m_counting)
        return;
    m_counting = true;
    auto *watcher = new QFutureWatcher<int>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_counting = false;
        try {
            m_deadLettersInStore = watcher->result();
        } catch (const std::exception &) {
            // PostgreSQL unreachable: keep the last count (its outage shows in /health anyway).
        }
    });
    watcher->setFuture(m_store.deadLetterCount());
}

void EventShipper::start()
{
    if (m_started)
        return;
    m_started = true;
    connect(&m_valkey, &ValkeyClient::connected, this, &EventShipper::onConnected);
    m_deadLetterTimer.start(m_options.deadLetterCheckMs);
    countDeadLetters();
    if (m_valkey.isConnected())
        onConnected();
}

void EventShipper::stop()
{
    m_started = false;
    m_phase = Phase::Idle;
    m_timer.stop();
    m_deadLetterTimer.stop();
    disconnect(&m_valkey, nullptr, this, nullptr);
}

void EventShipper::onConnected()
{
    if (!m_started)
        return;
    // After a reconnect (maybe to a Valkey restarted from its AOF) our own pending entries are
    // read again first.
    m_pendingFirst = true;
    if (m_phase != Phase::CreatingGroup)
        createGroup();
}

void EventShipper::createGroup()
{
    m_phase = Phase::CreatingGroup;
    m_valkey.command({"XGROUP", "CREATE", keys::outboxStream(), keys::outboxGroup(), "0",
                      "MKSTREAM"},
                     this, [this](const ValkeyResult &r) {
                         if (!m_started)
                             return;
                         if (r.isError() && r.reply().errorCode() != "BUSYGROUP") {
                             failedCommand(QStringLiteral("XGROUP CREATE"), r);
                             m_phase = Phase::Idle;
                             QTimer::singleShot(kRetryMs, this, [this] {
                                 if (m_started && m_valkey.isConnected() &&
                                     m_phase == Phase::Idle)
                                     createGroup();
                             });
                             return;
                         }
                         m_phase = Phase::Running;
                         if (!m_busy)
                             scheduleCycle(0);
                     });
}

void EventShipper::scheduleCycle(int delayMs)
{
    if (m_started && m_phase == Phase::Running)
        m_timer.start(delayMs);
}

void EventShipper::cycle()
{
    if (!m_started || m_phase != Phase::Running || m_busy)
        return;
    m_busy = true;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now - m_lastClaimMs >= m_options.claimIntervalMs) {
        m_lastClaimMs = now;
        autoClaim();
    } else {
        readNext();
    }
}

void EventShipper::readNext()
{
    m_valkey.command({"XREADGROUP", "GROUP", keys::outboxGroup(), utf8(m_consumer), "COUNT",
                      QByteArray::number(m_options.batchSize), "STREAMS", keys::outboxStream(),
                      m_pendingFirst ? QByteArray("0") : QByteArray(">")},
                     this, [this](const ValkeyResult &r) { onRead(r, false); });
}

void EventShipper::autoClaim()
{
    m_valkey.command({"XAUTOCLAIM", keys::outboxStream(), keys::outboxGroup(), utf8(m_consumer),
                      QByteArray::number(m_options.claimIdleMs), utf8(m_claimCursor), "COUNT",
                      QByteArray::number(m_options.batchSize)},
                     this, [this](const ValkeyResult &r) { onRead(r, true); });
}

void EventShipper::onRead(const ValkeyResult &r, bool claim)
{
    if (r.isError()) {
        m_busy = false;
        failedCommand(claim ? QStringLiteral("XAUTOCLAIM") : QStringLiteral("XREADGROUP"), r);
        // The stream or the group is gone (Valkey lost its data, or was flushed): create again.
        if (r.isServerError() && r.reply().errorCode() == "NOGROUP") {
            createGroup();
            return;
        }
        scheduleCycle(kRetryMs);
        return;
    }
    std::optional<OutboxBatch> batch = claim ? outboxdecoder::decodeAutoClaim(r.reply())
                                             : outboxdecoder::decodeReadGroup(r.reply());
    if (!batch) {
        m_busy = false;
        qCWarning(lcShipper, "unexpected reply to %s: %s", claim ? "XAUTOCLAIM" : "XREADGROUP",
                  qPrintable(r.reply().toDebugString()));
        scheduleCycle(kRetryMs);
        return;
    }
    const int count = int(batch->entries.size() + batch->vanished.size());
    bool full = count >= m_options.batchSize;
    if (claim) {
        m_claimCursor = batch->nextCursor.isEmpty() ? QStringLiteral("0-0") : batch->nextCursor;
        m_claimed += batch->entries.size();
        if (!batch->entries.isEmpty())
            qCInfo(lcShipper, "took over %d pending event(s) of another instance",
                   int(batch->entries.size()));
        // A claim is followed by a read at once, whatever it found.
        full = true;
    } else if (m_pendingFirst && batch->entries.isEmpty() && batch->vanished.isEmpty()) {
        // Our own pending entries are done: from now on, new ones.
        m_pendingFirst = false;
        full = true;
    }
    process(std::move(*batch), full);
}

void EventShipper::process(OutboxBatch batch, bool full)
{
    QList<OutboxEvent> events;
    QList<OutboxEntry> undecodable;
    for (OutboxEntry &entry : batch.entries) {
        if (entry.event)
            events.append(*entry.event);
        else
            undecodable.append(entry);
    }
    if (events.isEmpty() && undecodable.isEmpty()) {
        if (!batch.vanished.isEmpty()) {
            acknowledge(batch.vanished, 0, full);
            return;
        }
        m_busy = false;
        scheduleCycle(full ? 0 : m_options.pollMs);
        return;
    }
    if (events.isEmpty()) {
        applyAlone(undecodable, batch.vanished, full);
        return;
    }
    whenFinished(this, m_store.applyEvents(events),
                 [this, batch = std::move(batch), undecodable, events,
                  full](const QString &error) mutable {
                     if (!m_started)
                         return; // stopped: the store may be gone; the entries stay pending
                     if (error.isEmpty() && undecodable.isEmpty()) {
                         QStringList ids = batch.vanished;
                         for (const OutboxEvent &e : std::as_const(events))
                             ids.append(e.id);
                         acknowledge(ids, int(events.size()), full);
                         return;
                     }
                     QStringList done = batch.vanished;
                     QList<OutboxEntry> alone = undecodable;
                     if (error.isEmpty()) {
                         for (const OutboxEvent &e : std::as_const(events))
                             done.append(e.id);
                         m_shipped += events.size();
                     } else {
                         // Which one? Each alone, so only the faulty one is kept aside.
                         alone = batch.entries;
                     }
                     applyAlone(alone, done, full);
                 });
}

// Applies each entry in its own transaction, in order; one PostgreSQL refuses alone (or one
// that could not be decoded) becomes a dead letter. Then acknowledges them all.
void EventShipper::applyAlone(QList<OutboxEntry> entries, QStringList done, bool full)
{
    if (entries.isEmpty()) {
        acknowledge(done, 0, full);
        return;
    }
    const OutboxEntry entry = entries.takeFirst();
    auto next = [this, entries, done, full, id = entry.id]() mutable {
        done.append(id);
        applyAlone(entries, done, full);
    };
    if (!entry.event) {
        keepDeadLetter(entry, entry.error, next);
        return;
    }
    whenFinished(this, m_store.applyEvents({*entry.event}),
                 [this, entry, next](const QString &error) mutable {
                     if (!m_started)
                         return;
                     if (error.isEmpty()) {
                         ++m_shipped;
                         next();
                         return;
                     }
                     keepDeadLetter(entry, error, next);
                 });
}

void EventShipper::keepDeadLetter(const OutboxEntry &entry, const QString &error,
                                  std::function<void()> then)
{
    const QString payload = entry.event ? describe(*entry.event) : entry.raw;
    const QString type = entry.event ? toString(entry.event->kind) : entry.type;
    whenFinished(this, m_store.recordDeadLetter(entry.id, type, payload, error),
                 [this, entry, error, then = std::move(then)](const QString &failure) {
                     if (!m_started)
                         return;
                     if (!failure.isEmpty()) {
                         // Not even the dead-letter table takes it: leave it pending (it will
                         // be read again), and say so.
                         qCCritical(lcShipper, "cannot keep event %s as a dead letter: %s",
                                    qPrintable(entry.id), qPrintable(failure));
                         m_busy = false;
                         scheduleCycle(kRetryMs * 10);
                         return;
                     }
                     ++m_deadLettered;
                     qCCritical(lcShipper,
                                "event %s (%s) refused by PostgreSQL, kept as a dead letter: %s",
                                qPrintable(entry.id), qPrintable(entry.type), qPrintable(error));
                     m_deadLettersInStore = std::max(m_deadLettersInStore, 1);
                     emit deadLettered(entry.id, error);
                     then();
                 });
}

void EventShipper::acknowledge(const QStringList &ids, int shipped, bool full)
{
    QList<QByteArray> ack{"XACK", keys::outboxStream(), keys::outboxGroup()};
    QList<QByteArray> del{"XDEL", keys::outboxStream()};
    for (const QString &id : ids) {
        ack.append(utf8(id));
        del.append(utf8(id));
    }
    m_valkey.command(std::move(ack), this, [this](const ValkeyResult &r) {
        if (r.isError())
            failedCommand(QStringLiteral("XACK"), r);
    });
    // Deleted once acknowledged, so the stream holds only what is not shipped yet. (A lost XDEL
    // leaves an acknowledged entry behind that no read returns again; see TODO in
    // docs/architecture.md: an XTRIM MINID sweep would remove such strays.)
    m_valkey.command(std::move(del), this, [this, shipped, full](const ValkeyResult &r) {
        m_busy = false;
        if (r.isError()) {
            failedCommand(QStringLiteral("XDEL"), r);
            scheduleCycle(kRetryMs);
            return;
        }
        m_shipped += shipped;
        if (shipped > 0)
            emit batchShipped(shipped);
        scheduleCycle(full ? 0 : m_options.pollMs);
    });
}

void EventShipper::failedCommand(const QString &what, const ValkeyResult &result)
{
    const QString error = what + QStringLiteral(": ") + result.errorText();
    if (error == m_lastError)
        return;
    m_lastError = error;
    qCWarning(lcShipper, "%s", qPrintable(error));
}

} // namespace hb
