#include "EpollEventDispatcher.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTimerEvent>

#include <cerrno>
#include <climits>
#include <cstring>
#include <poll.h>
#include <ctime>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace hb {

namespace {

// epoll_event.data for the wake-up eventfd; sockets carry (generation << 32 | descriptor) and
// generations start at 1, so they never equal it.
constexpr quint64 kWakeUpTag = 0;
constexpr int kMaxEventsPerPass = 512;

qint64 nowNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}


// Which notifier types a readiness report activates (as QEventDispatcherUNIX maps poll()).
bool activates(QSocketNotifier::Type type, quint32 events)
{
    switch (type) {
    case QSocketNotifier::Read:
        return events & (EPOLLIN | EPOLLHUP | EPOLLERR);
    case QSocketNotifier::Write:
        return events & (EPOLLOUT | EPOLLHUP | EPOLLERR);
    case QSocketNotifier::Exception:
        return events & EPOLLPRI;
    }
    return false;
}

const char *typeName(QSocketNotifier::Type type)
{
    switch (type) {
    case QSocketNotifier::Read:
        return "Read";
    case QSocketNotifier::Write:
        return "Write";
    case QSocketNotifier::Exception:
        return "Exception";
    }
    return "?";
}

} // namespace

EpollEventDispatcher::EpollEventDispatcher(QObject *parent) : QAbstractEventDispatcher(parent)
{
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    m_wakeFd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (m_epoll < 0 || m_wakeFd < 0)
        qFatal("EpollEventDispatcher: cannot create epoll/eventfd: %s", std::strerror(errno));
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = kWakeUpTag;
    if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wakeFd, &ev) != 0)
        qFatal("EpollEventDispatcher: cannot watch the eventfd: %s", std::strerror(errno));
    m_ready.reserve(kMaxEventsPerPass);
    m_spareReady.reserve(kMaxEventsPerPass);
}

EpollEventDispatcher::~EpollEventDispatcher()
{
    ::close(m_wakeFd);
    ::close(m_epoll);
}

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupted.store(false, std::memory_order_relaxed);
    emit awake();
    QCoreApplication::sendPostedEvents();

    const bool includeTimers = !(flags & QEventLoop::X11ExcludeTimers);
    const bool includeSockets = !(flags & QEventLoop::ExcludeSocketNotifiers);
    // A post made while the events above were sent has written the eventfd: don't sleep then.
    const bool canWait = (flags & QEventLoop::WaitForMoreEvents) &&
                         !m_interrupted.load(std::memory_order_relaxed) &&
                         !m_wakeUpPending.load(std::memory_order_acquire);
    if (canWait)
        emit aboutToBlock();
    if (m_interrupted.load(std::memory_order_relaxed))
        return false;

    int timeoutMs = 0;
    if (canWait)
        timeoutMs = includeTimers ? timeToNextTimerMs(nowNs()) : -1;

    int handled = 0;
    m_ready.clear();
    if (includeSockets) {
        epoll_event events[kMaxEventsPerPass];
        int n;
        do {
            n = epoll_wait(m_epoll, events, kMaxEventsPerPass, timeoutMs);
        } while (n < 0 && errno == EINTR && timeoutMs == 0);
        if (n < 0 && errno != EINTR)
            qWarning("EpollEventDispatcher: epoll_wait: %s", std::strerror(errno));
        for (int i = 0; i < n; ++i) {
            const quint64 tag = events[i].data.u64;
            if (tag == kWakeUpTag) {
                drainWakeUps();
                ++handled;
                continue;
            }
            m_ready.push_back(Ready{int(tag & 0xffffffffu), quint32(tag >> 32), events[i].events});
        }
    } else {
        // Sockets excluded: sleep on the wake-up descriptor alone (the sockets stay ready and
        // are reported on a later pass, as with poll()).
        pollfd wake{m_wakeFd, POLLIN, 0};
        if (::poll(&wake, 1, timeoutMs) == 1) {
            drainWakeUps();
            ++handled;
        }
    }

    if (!m_ready.empty()) {
        // A handler may run a nested loop that calls us again: it gets the spare list (empty),
        // this pass keeps its own. The two swap back afterwards, so a pass allocates nothing
        // (a 6 KiB allocation per pass would also make glibc consolidate its free lists).
        std::vector<Ready> ready;
        ready.swap(m_ready);
        m_ready.swap(m_spareReady);
        handled += dispatchSockets(ready);
        ready.clear();
        m_spareReady.swap(m_ready);
        m_ready.swap(ready);
    }
    if (includeTimers)
        handled += activateTimers();
    return handled > 0;
}

void EpollEventDispatcher::drainWakeUps()
{
    // Drain first, then clear: a wakeUp() between the two leaves the flag set with the counter
    // drained, which is safe because every pass sends posted events before it may sleep, and
    // the flag set keeps that pass from sleeping.
    quint64 counter = 0;
    while (::read(m_wakeFd, &counter, sizeof counter) < 0 && errno == EINTR) {
    }
    m_wakeUpPending.store(false, std::memory_order_release);
}

void EpollEventDispatcher::wakeUp()
{
    if (m_wakeUpPending.exchange(true, std::memory_order_acq_rel))
        return; // already written since the last drain
    const quint64 one = 1;
    while (::write(m_wakeFd, &one, sizeof one) < 0 && errno == EINTR) {
    }
}

void EpollEventDispatcher::interrupt()
{
    m_interrupted.store(true, std::memory_order_relaxed);
    wakeUp();
}

// ---- socket notifiers -------------------------------------------------------------------------

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    const QSocketNotifier::Type type = notifier->type();
    if (fd < 0) {
        qWarning("EpollEventDispatcher: cannot watch an invalid descriptor");
        return;
    }
    auto it = m_watches.find(fd);
    if (it == m_watches.end()) {
        it = m_watches.insert(fd, Watch{});
        if (++m_nextGeneration == 0)
            m_nextGeneration = 1;
        it->generation = m_nextGeneration;
    }
    if (it->notifiers[type] && it->notifiers[type] != notifier)
        qWarning("EpollEventDispatcher: multiple socket notifiers for descriptor %d and type %s",
                 fd, typeName(type));
    it->notifiers[type] = notifier;
    updateWatch(fd, *it);
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    const auto it = m_watches.find(fd);
    if (it == m_watches.end() || it->notifiers[notifier->type()] != notifier)
        return;
    it->notifiers[notifier->type()] = nullptr;
    if (interestFor(*it) == 0) {
        // The descriptor may already be closed (the kernel dropped it then): that's fine.
        if (it->inKernel)
            epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
        m_watches.erase(it);
        return;
    }
    updateWatch(fd, *it);
}

quint32 EpollEventDispatcher::interestFor(const Watch &watch)
{
    quint32 events = 0;
    if (watch.notifiers[QSocketNotifier::Read])
        events |= EPOLLIN;
    if (watch.notifiers[QSocketNotifier::Write])
        events |= EPOLLOUT;
    if (watch.notifiers[QSocketNotifier::Exception])
        events |= EPOLLPRI;
    return events;
}

void EpollEventDispatcher::updateWatch(int fd, Watch &watch)
{
    epoll_event ev{};
    ev.events = interestFor(watch);
    ev.data.u64 = (quint64(watch.generation) << 32) | quint32(fd);
    // MOD or ADD by what we believe, and the other one if the kernel disagrees: a descriptor
    // closed without unregistering leaves the list silently, and its number may come back.
    int op = watch.inKernel ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
    if (epoll_ctl(m_epoll, op, fd, &ev) != 0) {
        const int first = errno;
        if (first == ENOENT || first == EEXIST) {
            op = first == ENOENT ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
            if (epoll_ctl(m_epoll, op, fd, &ev) == 0) {
                watch.inKernel = true;
                return;
            }
        }
        qWarning("EpollEventDispatcher: cannot watch descriptor %d: %s", fd,
                 std::strerror(errno));
        watch.inKernel = false;
        return;
    }
    watch.inKernel = true;
}

void EpollEventDispatcher::park(int fd, Watch &watch)
{
    // A hang-up or error that no registered notifier can take (say only an exception notifier
    // is left) would be reported on every pass, since epoll always reports those: leave the
    // interest list until the notifiers change.
    if (watch.inKernel)
        epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
    watch.inKernel = false;
}

int EpollEventDispatcher::dispatchSockets(const std::vector<Ready> &ready)
{
    int activated = 0;
    for (const Ready &r : ready) {
        bool served = false;
        for (const auto type :
             {QSocketNotifier::Read, QSocketNotifier::Write, QSocketNotifier::Exception}) {
            // Looked up again for each type: the previous handler may have changed anything.
            const auto it = m_watches.find(r.fd);
            if (it == m_watches.end() || it->generation != r.generation)
                break;
            QSocketNotifier *notifier = it->notifiers[type];
            if (!notifier || !activates(type, r.events))
                continue;
            served = true;
            QEvent event(QEvent::SockAct);
            QCoreApplication::sendEvent(notifier, &event);
            ++activated;
        }
        if (!served && (r.events & (EPOLLHUP | EPOLLERR))) {
            const auto it = m_watches.find(r.fd);
            if (it != m_watches.end() && it->generation == r.generation)
                park(r.fd, *it);
        }
    }
    return activated;
}

// ---- timers -----------------------------------------------------------------------------------

void EpollEventDispatcher::schedule(int timerId, Timer &timer, qint64 dueNs)
{
    m_timerQueue.erase({timer.dueNs, timerId});
    timer.dueNs = dueNs;
    m_timerQueue.insert({dueNs, timerId});
}

void EpollEventDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                                         QObject *object)
{
    if (timerId < 1 || interval < 0 || !object) {
        qWarning("EpollEventDispatcher::registerTimer: invalid arguments");
        return;
    }
    if (m_timers.contains(timerId))
        unregisterTimer(timerId);
    Timer timer;
    timer.object = object;
    timer.intervalMs = interval;
    timer.type = timerType;
    timer.dueNs = nowNs() + interval * 1000000;
    m_timers.insert(timerId, timer);
    m_timerQueue.insert({timer.dueNs, timerId});
}

bool EpollEventDispatcher::unregisterTimer(int timerId)
{
    const auto it = m_timers.find(timerId);
    if (it == m_timers.end())
        return false;
    m_timerQueue.erase({it->dueNs, timerId});
    m_timers.erase(it);
    return true;
}

bool EpollEventDispatcher::unregisterTimers(QObject *object)
{
    bool any = false;
    for (auto it = m_timers.begin(); it != m_timers.end();) {
        if (it->object == object) {
            m_timerQueue.erase({it->dueNs, it.key()});
            it = m_timers.erase(it);
            any = true;
        } else {
            ++it;
        }
    }
    return any;
}

QList<QAbstractEventDispatcher::TimerInfo>
EpollEventDispatcher::registeredTimers(QObject *object) const
{
    QList<TimerInfo> out;
    for (auto it = m_timers.cbegin(); it != m_timers.cend(); ++it)
        if (it->object == object)
            out.append(TimerInfo(it.key(), int(it->intervalMs), it->type));
    return out;
}

int EpollEventDispatcher::remainingTime(int timerId)
{
    const auto it = m_timers.constFind(timerId);
    if (it == m_timers.cend())
        return -1;
    const qint64 left = it->dueNs - nowNs();
    return left <= 0 ? 0 : int((left + 999999) / 1000000);
}

int EpollEventDispatcher::timeToNextTimerMs(qint64 now) const
{
    for (const auto &[dueNs, id] : m_timerQueue) {
        if (m_timers.value(id).inHandler)
            continue; // its nested loop must not spin on it
        if (dueNs <= now)
            return 0;
        // Rounded up: waking early would only mean another pass before it is due.
        const qint64 ms = (dueNs - now + 999999) / 1000000;
        return ms > INT_MAX ? INT_MAX : int(ms);
    }
    return -1;
}

int EpollEventDispatcher::activateTimers()
{
    if (m_timerQueue.empty())
        return 0;
    const qint64 now = nowNs();
    // The timers due now, in due order; any registered from here on waits for the next pass.
    std::vector<int> due;
    for (const auto &[dueNs, id] : m_timerQueue) {
        if (dueNs > now)
            break;
        due.push_back(id);
    }
    int fired = 0;
    for (const int id : due) {
        auto it = m_timers.find(id);
        if (it == m_timers.end() || it->inHandler || it->dueNs > now)
            continue; // stopped, in its own handler, or restarted by an earlier handler
        // Next timeout one interval after the one just reached, or after now if that has passed
        // (no bursts to catch up).
        qint64 next = it->dueNs + it->intervalMs * 1000000;
        if (next <= now)
            next = now + it->intervalMs * 1000000;
        schedule(id, *it, next);
        it->inHandler = true;
        QObject *object = it->object;
        QTimerEvent event(id);
        QCoreApplication::sendEvent(object, &event);
        ++fired;
        // The handler may have stopped it, or started a new timer that reused its id.
        it = m_timers.find(id);
        if (it != m_timers.end() && it->object == object)
            it->inHandler = false;
    }
    return fired;
}

} // namespace hb
