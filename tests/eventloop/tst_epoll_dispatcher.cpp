// EpollEventDispatcher: the rules Qt code relies on from an event dispatcher (timers, socket
// notifiers, posted events, wake-ups from other threads, nested loops), checked on the main
// thread (installed before the application object, as the backend does) and on a worker thread.
#include "EpollEventDispatcher.h"
#include "EventDispatcher.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QPointer>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <atomic>
#include <memory>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

using hb::EpollEventDispatcher;

namespace {

// A connected pair of local stream sockets, closed on destruction (unless already closed).
struct SocketPair
{
    int fd[2] = {-1, -1};
    SocketPair() { ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fd); }
    ~SocketPair()
    {
        closeEnd(0);
        closeEnd(1);
    }
    void closeEnd(int i)
    {
        if (fd[i] >= 0)
            ::close(fd[i]);
        fd[i] = -1;
    }
    void send(int i, const char *data = "x") { QCOMPARE_GE(::write(fd[i], data, 1), 0); }
    QByteArray drain(int i)
    {
        QByteArray out;
        char buffer[4096];
        qsizetype n;
        while ((n = ::read(fd[i], buffer, sizeof buffer)) > 0)
            out.append(buffer, n);
        return out;
    }
};

EpollEventDispatcher *dispatcher()
{
    return qobject_cast<EpollEventDispatcher *>(QAbstractEventDispatcher::instance());
}

// A few passes of the event loop without waiting.
void spin(int passes = 5)
{
    for (int i = 0; i < passes; ++i)
        QCoreApplication::processEvents(QEventLoop::AllEvents);
}

// Receives posted events of a custom type and counts them.
class Counter : public QObject
{
public:
    std::atomic<int> count{0};
    bool event(QEvent *e) override
    {
        if (e->type() == QEvent::User) {
            ++count;
            return true;
        }
        return QObject::event(e);
    }
};

} // namespace

class TestEpollDispatcher : public QObject
{
    Q_OBJECT

private slots:
    void installedOnTheMainThread()
    {
        QVERIFY2(dispatcher(), "the main thread runs EpollEventDispatcher");
    }

    // ---- timers ---------------------------------------------------------------------------

    void singleShotFiresOnceNotEarly()
    {
        QElapsedTimer clock;
        int fired = 0;
        qint64 at = 0;
        clock.start();
        QTimer::singleShot(50, Qt::PreciseTimer, this, [&] {
            ++fired;
            at = clock.elapsed();
        });
        QTRY_COMPARE(fired, 1);
        QVERIFY2(at >= 50, qPrintable(QStringLiteral("fired after %1 ms").arg(at)));
        QTest::qWait(120);
        QCOMPARE(fired, 1);
    }

    void repeatingTimerKeepsFiringUntilStopped()
    {
        QTimer timer;
        timer.setInterval(10);
        int fired = 0;
        connect(&timer, &QTimer::timeout, this, [&] { ++fired; });
        timer.start();
        QTRY_VERIFY(fired >= 5);
        timer.stop();
        const int atStop = fired;
        QTest::qWait(60);
        QCOMPARE(fired, atStop);
    }

    void timerStoppedInItsOwnHandlerDoesNotFireAgain()
    {
        QTimer timer;
        timer.setInterval(5);
        int fired = 0;
        connect(&timer, &QTimer::timeout, this, [&] {
            ++fired;
            timer.stop();
        });
        timer.start();
        QTRY_COMPARE(fired, 1);
        QTest::qWait(50);
        QCOMPARE(fired, 1);
    }

    void timerKilledByAnEarlierHandlerOfTheSamePassDoesNotFire()
    {
        // Both are due in the same pass (the loop is kept busy past their timeout); whichever
        // fires first kills the other.
        QTimer a, b;
        a.setSingleShot(true);
        b.setSingleShot(true);
        int fired = 0;
        connect(&a, &QTimer::timeout, this, [&] {
            ++fired;
            b.stop();
        });
        connect(&b, &QTimer::timeout, this, [&] {
            ++fired;
            a.stop();
        });
        a.start(5);
        b.start(5);
        QThread::msleep(20); // both overdue before the loop looks
        spin();
        QCOMPARE(fired, 1);
        QTest::qWait(30);
        QCOMPARE(fired, 1);
    }

    void zeroTimerFiresOnEveryPass()
    {
        QTimer timer;
        timer.setInterval(0);
        int fired = 0;
        connect(&timer, &QTimer::timeout, this, [&] { ++fired; });
        timer.start();
        QTRY_VERIFY(fired >= 20);
        timer.stop();
    }

    void remainingTimeAndRegisteredTimers()
    {
        QObject owner;
        const int id = owner.startTimer(1000, Qt::PreciseTimer);
        QVERIFY(id > 0);
        const int left = dispatcher()->remainingTime(id);
        QVERIFY2(left > 900 && left <= 1000, qPrintable(QString::number(left)));
        const auto timers = dispatcher()->registeredTimers(&owner);
        QCOMPARE(timers.size(), 1);
        QCOMPARE(timers.first().timerId, id);
        QCOMPARE(timers.first().interval, 1000);
        QCOMPARE(timers.first().timerType, Qt::PreciseTimer);
        owner.killTimer(id);
        QCOMPARE(dispatcher()->remainingTime(id), -1);
        QVERIFY(dispatcher()->registeredTimers(&owner).isEmpty());
    }

    void deletingAnObjectUnregistersItsTimers()
    {
        const int before = dispatcher()->timerCount();
        auto *owner = new QObject;
        owner->startTimer(10);
        owner->startTimer(20);
        QCOMPARE(dispatcher()->timerCount(), before + 2);
        delete owner;
        QCOMPARE(dispatcher()->timerCount(), before);
        QTest::qWait(40); // nothing fires at a deleted object (ASan would see it)
    }

    void nestedLoopInATimerHandlerDoesNotReenterThatTimer()
    {
        QTimer outer, other;
        outer.setInterval(5);
        other.setInterval(5);
        int outerDepth = 0, maxOuterDepth = 0, outerFired = 0, otherFired = 0;
        connect(&other, &QTimer::timeout, this, [&] { ++otherFired; });
        connect(&outer, &QTimer::timeout, this, [&] {
            ++outerFired;
            maxOuterDepth = std::max(maxOuterDepth, ++outerDepth);
            if (outerFired == 1) {
                // A nested loop running much longer than the timer's interval.
                QEventLoop loop;
                QTimer::singleShot(60, &loop, &QEventLoop::quit);
                loop.exec();
            }
            --outerDepth;
        });
        outer.start();
        other.start();
        QTRY_VERIFY(outerFired >= 3);
        QCOMPARE(maxOuterDepth, 1);
        QVERIFY2(otherFired >= 5, "other timers keep firing inside the nested loop");
    }

    // ---- posted events and wake-ups -----------------------------------------------------

    void queuedCallsAndChainsOfPostedEventsAreDelivered()
    {
        int steps = 0;
        std::function<void()> step = [&] {
            if (++steps < 100)
                QMetaObject::invokeMethod(this, step, Qt::QueuedConnection);
        };
        QMetaObject::invokeMethod(this, step, Qt::QueuedConnection);
        QTRY_COMPARE(steps, 100);
    }

    void deleteLaterDeletes()
    {
        QPointer<QObject> object = new QObject;
        object->deleteLater();
        QTRY_VERIFY(object.isNull());
    }

    void postFromAnotherThreadWakesABlockedLoop()
    {
        // The worker has no timer at all: it sleeps in epoll_wait until the post wakes it.
        QThread worker;
        hb::installEventDispatcher(&worker);
        Counter counter;
        counter.moveToThread(&worker);
        worker.start();
        QThread::msleep(100); // let it go to sleep
        QCoreApplication::postEvent(&counter, new QEvent(QEvent::User));
        QTRY_COMPARE_WITH_TIMEOUT(counter.count.load(), 1, 2000);
        QCoreApplication::postEvent(&counter, new QEvent(QEvent::User));
        QTRY_COMPARE_WITH_TIMEOUT(counter.count.load(), 2, 2000);
        // Back to this thread (only the owning thread may push it) before the worker ends.
        QThread *here = QThread::currentThread();
        QMetaObject::invokeMethod(&counter, [&] { counter.moveToThread(here); },
                                  Qt::BlockingQueuedConnection);
        worker.quit();
        QVERIFY(worker.wait(5000));
    }

    void manyThreadsPostingAtOnceLoseNothing()
    {
        Counter counter;
        constexpr int kThreads = 8, kEach = 2000;
        std::vector<std::thread> posters;
        for (int t = 0; t < kThreads; ++t)
            posters.emplace_back([&] {
                for (int i = 0; i < kEach; ++i)
                    QCoreApplication::postEvent(&counter, new QEvent(QEvent::User));
            });
        for (auto &p : posters)
            p.join();
        QTRY_COMPARE(counter.count.load(), kThreads * kEach);
    }

    void interruptFromAnotherThreadEndsABlockedPass()
    {
        // A thread that calls processEvents(WaitForMoreEvents) by hand, with nothing to wake
        // it but interrupt().
        class Sleeper : public QThread
        {
        public:
            std::atomic<bool> stop{false};
            std::atomic<int> passes{0};
            void run() override
            {
                while (!stop.load()) {
                    QAbstractEventDispatcher::instance()->processEvents(
                        QEventLoop::WaitForMoreEvents);
                    ++passes;
                }
            }
        };
        Sleeper sleeper;
        hb::installEventDispatcher(&sleeper);
        sleeper.start();
        QThread::msleep(100);
        auto *d = QAbstractEventDispatcher::instance(&sleeper);
        QVERIFY(qobject_cast<EpollEventDispatcher *>(d));
        sleeper.stop = true;
        d->interrupt();
        QVERIFY2(sleeper.wait(2000), "interrupt() woke the blocked pass");
    }

    // ---- socket notifiers -----------------------------------------------------------------

    void readNotifierFiresOnDataAndIsLevelTriggered()
    {
        SocketPair pair;
        QSocketNotifier notifier(pair.fd[1], QSocketNotifier::Read);
        int fired = 0;
        connect(&notifier, &QSocketNotifier::activated, this, [&] { ++fired; });
        spin();
        QCOMPARE(fired, 0);
        pair.send(0);
        QTRY_VERIFY(fired >= 1);
        // Not read yet: reported again on the next pass, as with poll().
        const int afterFirst = fired;
        spin();
        QVERIFY(fired > afterFirst);
        pair.drain(1);
        spin(); // may see one last report queued before the drain
        const int drained = fired;
        spin();
        QCOMPARE(fired, drained);
    }

    void disabledNotifierIsSilentAndReenabledOneFires()
    {
        SocketPair pair;
        QSocketNotifier notifier(pair.fd[1], QSocketNotifier::Read);
        int fired = 0;
        connect(&notifier, &QSocketNotifier::activated, this, [&] { ++fired; });
        notifier.setEnabled(false);
        QCOMPARE(dispatcher()->watchedSocketCount(), 0);
        pair.send(0);
        spin();
        QCOMPARE(fired, 0);
        notifier.setEnabled(true);
        QTRY_VERIFY(fired >= 1);
    }

    void readAndWriteNotifiersShareADescriptor()
    {
        SocketPair pair;
        const int watchedBefore = dispatcher()->watchedSocketCount();
        QSocketNotifier reader(pair.fd[1], QSocketNotifier::Read);
        auto writer = std::make_unique<QSocketNotifier>(pair.fd[1], QSocketNotifier::Write);
        QCOMPARE(dispatcher()->watchedSocketCount(), watchedBefore + 1);
        int reads = 0, writes = 0;
        connect(&reader, &QSocketNotifier::activated, this, [&] {
            ++reads;
            pair.drain(1);
        });
        connect(writer.get(), &QSocketNotifier::activated, this, [&] { ++writes; });
        QTRY_VERIFY(writes >= 1); // an empty socket is writable
        QCOMPARE(reads, 0);
        writer.reset(); // the read side stays watched
        QCOMPARE(dispatcher()->watchedSocketCount(), watchedBefore + 1);
        pair.send(0);
        QTRY_VERIFY(reads >= 1);
    }

    void peerHangUpActivatesTheReadNotifier()
    {
        SocketPair pair;
        QSocketNotifier notifier(pair.fd[1], QSocketNotifier::Read);
        QByteArray got = "unset";
        connect(&notifier, &QSocketNotifier::activated, this, [&] {
            char c;
            got = QByteArray::number(qint64(::read(pair.fd[1], &c, 1)));
            notifier.setEnabled(false);
        });
        pair.closeEnd(0);
        QTRY_COMPARE(got, QByteArray("0")); // end of file
    }

    void notifierDeletedByAnotherHandlerOfTheSamePassDoesNotFire()
    {
        SocketPair a, b;
        auto na = std::make_unique<QSocketNotifier>(a.fd[1], QSocketNotifier::Read);
        auto nb = std::make_unique<QSocketNotifier>(b.fd[1], QSocketNotifier::Read);
        int firedA = 0, firedB = 0;
        connect(na.get(), &QSocketNotifier::activated, this, [&] {
            ++firedA;
            nb.reset();
            na->setEnabled(false);
        });
        connect(nb.get(), &QSocketNotifier::activated, this, [&] {
            ++firedB;
            na.reset();
            nb->setEnabled(false);
        });
        a.send(0); // both readable before the loop looks: one pass reports both
        b.send(0);
        spin();
        QCOMPARE(firedA + firedB, 1);
    }

    void descriptorReusedWithinAPassGetsNoStaleReport()
    {
        // A and B are reported in one pass. Whichever handler runs first closes the other pair
        // and opens a fresh one, which the kernel gives the lowest free numbers: the closed
        // ones. The fresh socket has no data: the stale report for the old one must not reach
        // its new notifier.
        auto a = std::make_unique<SocketPair>();
        auto b = std::make_unique<SocketPair>();
        auto na = std::make_unique<QSocketNotifier>(a->fd[1], QSocketNotifier::Read);
        auto nb = std::make_unique<QSocketNotifier>(b->fd[1], QSocketNotifier::Read);
        std::unique_ptr<SocketPair> fresh;
        std::unique_ptr<QSocketNotifier> freshNotifier;
        int freshFired = 0;
        int reusedFd = -1, closedFd = -1;
        auto replace = [&](std::unique_ptr<SocketPair> &other,
                           std::unique_ptr<QSocketNotifier> &otherNotifier,
                           std::unique_ptr<QSocketNotifier> &self) {
            if (fresh)
                return;
            closedFd = other->fd[1];
            otherNotifier.reset();
            other.reset();
            fresh = std::make_unique<SocketPair>();
            reusedFd = fresh->fd[1] == closedFd ? closedFd : (fresh->fd[0] == closedFd ? closedFd : -1);
            // Watch whichever end took the old number, if any did.
            const int watch = fresh->fd[0] == closedFd ? fresh->fd[0] : fresh->fd[1];
            freshNotifier = std::make_unique<QSocketNotifier>(watch, QSocketNotifier::Read);
            connect(freshNotifier.get(), &QSocketNotifier::activated, this, [&] { ++freshFired; });
            self->setEnabled(false);
        };
        connect(na.get(), &QSocketNotifier::activated, this, [&] { replace(b, nb, na); });
        connect(nb.get(), &QSocketNotifier::activated, this, [&] { replace(a, na, nb); });
        a->send(0);
        b->send(0);
        spin();
        QVERIFY(fresh);
        QVERIFY2(reusedFd >= 0, "the kernel reused the closed descriptor number");
        spin();
        QCOMPARE(freshFired, 0);
        fresh->send(fresh->fd[0] == reusedFd ? 1 : 0);
        QTRY_VERIFY(freshFired >= 1);
    }

    void onlyTheActiveOfManySocketsIsReported()
    {
        constexpr int kSockets = 2000;
        std::vector<std::unique_ptr<SocketPair>> pairs;
        std::vector<std::unique_ptr<QSocketNotifier>> notifiers;
        int activations = 0;
        for (int i = 0; i < kSockets; ++i) {
            pairs.push_back(std::make_unique<SocketPair>());
            notifiers.push_back(
                std::make_unique<QSocketNotifier>(pairs.back()->fd[1], QSocketNotifier::Read));
            connect(notifiers.back().get(), &QSocketNotifier::activated, this, [&, i] {
                ++activations;
                QCOMPARE(i, kSockets / 2);
                pairs[i]->drain(1);
            });
        }
        pairs[kSockets / 2]->send(0);
        QTRY_COMPARE(activations, 1);
        spin();
        QCOMPARE(activations, 1);
    }

    void excludedSocketNotifiersWaitForALaterPass()
    {
        SocketPair pair;
        QSocketNotifier notifier(pair.fd[1], QSocketNotifier::Read);
        int fired = 0;
        connect(&notifier, &QSocketNotifier::activated, this, [&] {
            ++fired;
            pair.drain(1);
        });
        pair.send(0);
        QCoreApplication::processEvents(QEventLoop::ExcludeSocketNotifiers);
        QCOMPARE(fired, 0);
        QTRY_COMPARE(fired, 1);
    }

    // ---- Qt's network classes on top of it ----------------------------------------------

    void tcpEchoOfAMegabyte()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QTcpSocket *accepted = nullptr;
        connect(&server, &QTcpServer::newConnection, this, [&] {
            accepted = server.nextPendingConnection();
            connect(accepted, &QTcpSocket::readyRead, accepted,
                    [accepted] { accepted->write(accepted->readAll()); });
        });
        QTcpSocket client;
        QByteArray received;
        connect(&client, &QTcpSocket::readyRead, this, [&] { received += client.readAll(); });
        client.connectToHost(QHostAddress::LocalHost, server.serverPort());
        QVERIFY(client.waitForConnected(5000));
        QByteArray payload(1 << 20, '\0');
        for (qsizetype i = 0; i < payload.size(); ++i)
            payload[i] = char(i * 31);
        client.write(payload);
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), payload.size(), 10000);
        QCOMPARE(received, payload);
    }

    void webSocketEcho()
    {
        QWebSocketServer server(QStringLiteral("t"), QWebSocketServer::NonSecureMode);
        QVERIFY(server.listen(QHostAddress::LocalHost));
        connect(&server, &QWebSocketServer::newConnection, this, [&] {
            QWebSocket *s = server.nextPendingConnection();
            s->setParent(&server); // the caller owns it: let the server's end go with the server
            connect(s, &QWebSocket::textMessageReceived, s,
                    [s](const QString &m) { s->sendTextMessage(m); });
        });
        QWebSocket client;
        QStringList got;
        connect(&client, &QWebSocket::textMessageReceived, this,
                [&](const QString &m) { got << m; });
        connect(&client, &QWebSocket::connected, this, [&] {
            for (int i = 0; i < 100; ++i)
                client.sendTextMessage(QString::number(i));
        });
        client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(server.serverPort())));
        QTRY_COMPARE_WITH_TIMEOUT(got.size(), 100, 10000);
        QCOMPARE(got.first(), QStringLiteral("0"));
        QCOMPARE(got.last(), QStringLiteral("99"));
        client.close();
    }

    // ---- worker threads -------------------------------------------------------------------

    void workerThreadRunsItsOwnDispatcher()
    {
        QThread thread;
        hb::installEventDispatcher(&thread);
        thread.start();
        QTRY_VERIFY(QAbstractEventDispatcher::instance(&thread));
        QVERIFY(qobject_cast<EpollEventDispatcher *>(QAbstractEventDispatcher::instance(&thread)));
        QVERIFY(QAbstractEventDispatcher::instance(&thread) != dispatcher());

        // A timer in the worker, and a queued round trip main -> worker -> main.
        QObject inWorker;
        inWorker.moveToThread(&thread);
        std::atomic<int> ticks{0};
        int answers = 0;
        QMetaObject::invokeMethod(&inWorker, [&] {
            auto *timer = new QTimer(&inWorker);
            connect(timer, &QTimer::timeout, timer, [&] { ++ticks; });
            timer->start(5);
            QMetaObject::invokeMethod(this, [&] { ++answers; }, Qt::QueuedConnection);
        }, Qt::QueuedConnection);
        QTRY_COMPARE(answers, 1);
        QTRY_VERIFY(ticks.load() >= 3);
        // The timer goes with its parent, deleted in the worker.
        QThread *here = QThread::currentThread();
        QMetaObject::invokeMethod(&inWorker, [&] {
            qDeleteAll(inWorker.children());
            inWorker.moveToThread(here);
        }, Qt::BlockingQueuedConnection);
        thread.quit();
        QVERIFY(thread.wait(5000));
    }
};

int main(int argc, char **argv)
{
    // As the backend does: before the application object exists.
    if (hb::installEventDispatcher() != QLatin1String("epoll")) {
        std::fprintf(stderr, "EpollEventDispatcher is not in use (HALOBESTIE_EVENT_DISPATCHER?)\n");
        return 1;
    }
    QCoreApplication app(argc, argv);
    TestEpollDispatcher test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_epoll_dispatcher.moc"
