#include "EventLoopWait.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTimer>
#include <csignal>

namespace hb::bench {

namespace {

volatile std::sig_atomic_t g_interrupted = 0;
QDeadlineTimer g_overall(QDeadlineTimer::Forever);

void onSignal(int)
{
    g_interrupted = 1;
}

} // namespace

void installInterruptHandler()
{
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
}

bool interrupted()
{
    return g_interrupted != 0 || g_overall.hasExpired();
}

void setOverallTimeLimit(int seconds)
{
    g_overall = seconds > 0 ? QDeadlineTimer(qint64(seconds) * 1000)
                            : QDeadlineTimer(QDeadlineTimer::Forever);
}

bool runUntil(const std::function<bool()> &done, int timeoutMs, Wait mode)
{
    if (done())
        return true;
    const QDeadlineTimer deadline(timeoutMs);
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(10);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done() || deadline.hasExpired() || (mode == Wait::UnlessInterrupted && interrupted()))
            loop.quit();
    });
    poll.start();
    loop.exec();
    return done();
}

void runFor(int ms)
{
    runUntil([] { return false; }, ms);
}

} // namespace hb::bench
