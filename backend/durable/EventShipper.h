#pragma once

#include "durable/OutboxEntry.h"

#include <QObject>
#include <QString>
#include <QTimer>
#include <functional>

namespace hb {

class PostgresStore;
class ValkeyClient;
class ValkeyResult;

// Ships the outbox stream (cluster/Keys.h: outboxStream) into PostgreSQL. One on every
// instance, all in one consumer group, each under its instance id:
// - XGROUP CREATE ... MKSTREAM once per connection (an existing group is fine);
// - its own pending entries first (a restart under the same id resumes them), then new ones
//   with XREADGROUP COUNT batchSize, never blocking: the command connection is shared with
//   everything else (hiredis: one connection per context), so an empty read waits pollMs on a
//   timer instead of a BLOCK that would hold every other command up;
// - every claimIntervalMs, XAUTOCLAIM takes over entries another consumer left pending for more
//   than claimIdleMs (an instance killed or cut off), so its backlog is shipped without it;
// - a batch is applied in ONE transaction (PostgresStore::applyEvents), then XACK, then XDEL,
//   so the stream stays bounded by what is not shipped yet. A crash between commit and XACK
//   only ships the batch again, which is harmless (idempotent writes).
// - a batch PostgreSQL refuses is applied event by event; an event refused alone, or an entry
//   that cannot be decoded, goes to the dead-letter table and is then acknowledged, counted
//   and logged once.
// One batch is in flight at a time: while PostgreSQL is down the batch waits in the store's
// retry loop and nothing more is read, so this process's memory does not grow with the backlog
// (which stays in Valkey).
class EventShipper : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        int batchSize = 256;
        int pollMs = 50;
        int claimIdleMs = 5000;
        int claimIntervalMs = 2000;
        int deadLetterCheckMs = 5000;
    };

    EventShipper(ValkeyClient &valkey, PostgresStore &store, QString consumer, Options options,
                 QObject *parent = nullptr);

    // Starts shipping once (and whenever) Valkey is connected. Idempotent.
    void start();
    void stop();

    qint64 shippedEvents() const { return m_shipped; }
    qint64 deadLetters() const { return m_deadLettered; }
    qint64 claimedEvents() const { return m_claimed; }
    // Dead letters in PostgreSQL as last counted (every deadLetterCheckMs, and after each new
    // one): /health says degraded while it is not 0, i.e. until staff clear them.
    int deadLettersInStore() const { return m_deadLettersInStore; }

signals:
    // After each batch is committed and acknowledged.
    void batchShipped(int events);
    // An entry went to the dead-letter table (after it is recorded there).
    void deadLettered(const QString &eventId, const QString &error);

private:
    enum class Phase { Idle, CreatingGroup, Running };

    void onConnected();
    void createGroup();
    void cycle();
    void scheduleCycle(int delayMs);
    void readNext();
    void autoClaim();
    void onRead(const ValkeyResult &result, bool claim);
    void process(OutboxBatch batch, bool full);
    void applyAlone(QList<OutboxEntry> entries, QStringList done, bool full);
    void acknowledge(const QStringList &ids, int shipped, bool full);
    void keepDeadLetter(const OutboxEntry &entry, const QString &error,
                        std::function<void()> then);
    void countDeadLetters();
    void failedCommand(const QString &what, const ValkeyResult &result);

    ValkeyClient &m_valkey;
    PostgresStore &m_store;
    const QString m_consumer;
    const Options m_options;

    Phase m_phase = Phase::Idle;
    bool m_started = false;
    bool m_busy = false;          // a read, a batch or an ack is in flight
    bool m_pendingFirst = true;   // own pending entries are read before new ones
    qint64 m_lastClaimMs = 0;
    QString m_claimCursor = QStringLiteral("0-0");
    QTimer m_timer;
    QTimer m_deadLetterTimer;
    bool m_counting = false;
    int m_deadLettersInStore = 0;
    QString m_lastError; // logged once per distinct error

    qint64 m_shipped = 0;
    qint64 m_deadLettered = 0;
    qint64 m_claimed = 0;
};

} // namespace hb
