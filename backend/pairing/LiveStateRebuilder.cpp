#include "LiveStateRebuilder.h"

#include "cluster/Keys.h"
#include "lua/LuaScripts.h"
#include "store/postgres/PairingRecords.h"
#include "store/postgres/PostgresStore.h"
#include "store/valkey/ValkeyClient.h"

#include <QFutureWatcher>

#include <memory>

namespace hb {

namespace {

// Counts outstanding steps and reports once, with whether all went well.
struct Countdown
{
    int remaining = 0;
    bool ok = true;
    int restored = 0;
    std::function<void(bool)> done;

    void finishOne(bool stepOk)
    {
        ok = ok && stepOk;
        if (--remaining != 0)
            return;
        // `done` holds the last reference to this Countdown (its lambda captures it): let go
        // of it before calling, or the two keep each other alive forever.
        auto report = std::move(done);
        done = nullptr;
        report(ok);
    }
};

} // namespace

LiveStateRebuilder::LiveStateRebuilder(ValkeyClient &valkey, PostgresStore &store,
                                       qint64 paymentTimeoutMs, QObject *parent)
    : QObject(parent), m_valkey(valkey), m_store(store), m_paymentTimeoutMs(paymentTimeoutMs)
{
}

void LiveStateRebuilder::rebuild(std::function<void(bool ok)> done)
{
    auto countdown = std::make_shared<Countdown>();
    countdown->remaining = 2; // the two reads below
    countdown->done = [countdown, done](bool ok) {
        if (countdown->restored > 0)
            qInfo("rebuilt %d open sessions/requests in Valkey from PostgreSQL",
                  countdown->restored);
        done(ok);
    };
    const auto counted = [this, countdown](const LuaScript &script, QList<QByteArray> keys,
                                           QList<QByteArray> args) {
        ++countdown->remaining;
        m_valkey.eval(script, keys, args, this, [countdown](const ValkeyResult &result) {
            if (!result.isError() && result.reply().toInteger() == 1)
                ++countdown->restored;
            countdown->finishOne(!result.isError());
        });
    };

    auto *sessions = new QFutureWatcher<QList<SessionRecord>>(this);
    const QByteArray paymentTimeout = QByteArray::number(m_paymentTimeoutMs);
    connect(sessions, &QFutureWatcherBase::finished, this,
            [sessions, countdown, counted, paymentTimeout] {
        sessions->deleteLater();
        try {
            for (const SessionRecord &s : sessions->result())
                counted(LuaScripts::instance().sessionRestore, {keys::paymentDeadlines()},
                        {s.id.toUtf8(), s.requestId.toUtf8(), s.customerId.toUtf8(),
                         s.customerName.toUtf8(), s.mitraId.toUtf8(), s.mitraName.toUtf8(),
                         s.state.toUtf8(), QByteArray::number(s.acceptedAtMs), paymentTimeout});
            countdown->finishOne(true);
        } catch (const std::exception &e) {
            qWarning("cannot read open sessions: %s", e.what());
            countdown->finishOne(false);
        }
    });
    sessions->setFuture(m_store.openSessions());

    auto *requests = new QFutureWatcher<QList<RequestRecord>>(this);
    connect(requests, &QFutureWatcherBase::finished, this, [requests, countdown, counted] {
        requests->deleteLater();
        try {
            for (const RequestRecord &r : requests->result())
                counted(LuaScripts::instance().requestRestore, {},
                        {r.id.toUtf8(), r.customerId.toUtf8(), r.customerName.toUtf8(),
                         r.strategy.toUtf8(), QByteArray::number(r.createdAtMs),
                         QByteArray::number(r.deadlineAtMs)});
            countdown->finishOne(true);
        } catch (const std::exception &e) {
            qWarning("cannot read open requests: %s", e.what());
            countdown->finishOne(false);
        }
    });
    requests->setFuture(m_store.openRequests());
}

} // namespace hb
