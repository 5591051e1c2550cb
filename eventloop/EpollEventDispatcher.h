#pragma once

#include <QAbstractEventDispatcher>
#include <QHash>

#include <atomic>
#include <set>
#include <utility>
#include <vector>

namespace hb {

// A Linux event dispatcher built on epoll, for processes that hold thousands of sockets.
//
// Why: Qt 6.4's own dispatchers (glib's, and the UNIX one with QT_NO_GLIB) hand the kernel the
// whole list of socket notifiers on every wake-up (poll()) and walk it again afterwards, so each
// message costs time in proportion to the sockets open: a bare QWebSocket echo takes ~0.1 ms
// with 10 sockets and ~3 ms with 5,000. Here the kernel keeps the interest list (epoll) and
// reports only the ready sockets, so a wake-up costs the same with 20 sockets or 20,000.
//
// It does what QEventDispatcherUNIX does, with the same rules:
// - posted events are sent first on every pass (QCoreApplication::sendPostedEvents), and a
//   post from any thread wakes a blocked pass (wakeUp(): an eventfd, written once per sleep);
// - socket notifiers are level-triggered like poll(): a ready socket is reported again until it
//   is served. A hang-up or error activates the read and write notifiers (so the socket sees
//   the error), urgent data the exception notifier;
// - timers fire in due order, each at most once per pass, never inside its own handler again
//   (a handler that runs a nested event loop), and a timer registered during a pass waits for
//   the next one. A late timer does not fire in a burst to catch up: its next timeout is one
//   interval after now. Every timer type is kept to the millisecond (Qt allows coarse and
//   very coarse timers to be late; being exact is within that).
// - interrupt() makes the current (or next) pass return without blocking.
//
// Like every dispatcher, one instance serves one thread: registrations come from that thread
// (Qt asserts it); wakeUp() and interrupt() may come from any thread.
class EpollEventDispatcher final : public QAbstractEventDispatcher
{
    Q_OBJECT
public:
    explicit EpollEventDispatcher(QObject *parent = nullptr);
    ~EpollEventDispatcher() override;

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;

    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;

    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                       QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;

    void wakeUp() override;
    void interrupt() override;

    // For tests: sockets in the epoll interest list, and timers registered.
    int watchedSocketCount() const { return int(m_watches.size()); }
    int timerCount() const { return int(m_timers.size()); }

private:
    // The notifiers of one descriptor (at most one per QSocketNotifier::Type). `generation`
    // tells a stale readiness report (for a descriptor closed and reused during one pass) from
    // a current one.
    struct Watch
    {
        QSocketNotifier *notifiers[3] = {nullptr, nullptr, nullptr};
        quint32 generation = 0;
        bool inKernel = false; // in the epoll interest list (false while parked)
    };
    struct Timer
    {
        QObject *object = nullptr;
        qint64 intervalMs = 0;
        qint64 dueNs = 0;
        Qt::TimerType type = Qt::CoarseTimer;
        bool inHandler = false; // its QTimerEvent is being delivered (nested loops skip it)
    };
    struct Ready
    {
        int fd;
        quint32 generation;
        quint32 events;
    };

    static quint32 interestFor(const Watch &watch);
    void updateWatch(int fd, Watch &watch);
    void park(int fd, Watch &watch);
    int dispatchSockets(const std::vector<Ready> &ready);
    int activateTimers();
    // Milliseconds until the next timer not in its handler is due (0: one is due; -1: none).
    int timeToNextTimerMs(qint64 nowNs) const;
    void drainWakeUps();
    void schedule(int timerId, Timer &timer, qint64 dueNs);

    int m_epoll = -1;
    int m_wakeFd = -1;
    std::atomic<bool> m_wakeUpPending{false}; // the eventfd was written and not drained yet
    std::atomic<bool> m_interrupted{false};
    QHash<int, Watch> m_watches; // by descriptor
    quint32 m_nextGeneration = 0;
    QHash<int, Timer> m_timers; // by timer id
    std::set<std::pair<qint64, int>> m_timerQueue; // (due ns, timer id)
    std::vector<Ready> m_ready;      // filled by epoll_wait in this pass
    std::vector<Ready> m_spareReady; // for a nested pass
};

} // namespace hb
