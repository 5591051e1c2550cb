#include "IdleHolder.h"

#include "BenchOptions.h"
#include "EventDispatcher.h"
#include "EventLoopWait.h"
#include "IdleShard.h"

#include <QSocketNotifier>
#include <QThread>
#include <QTimer>

#include <climits>
#include <cstdio>
#include <memory>
#include <unistd.h>
#include <vector>

namespace hb::bench {

namespace {

constexpr int kConnectionsPerThread = 1000;

} // namespace

int runIdleHolder(const BenchOptions &options)
{
    const int threads = (options.holdIdle + kConnectionsPerThread - 1) / kConnectionsPerThread;
    std::vector<std::unique_ptr<QThread>> workers;
    QList<IdleShard *> shards;
    for (int t = 0; t < threads; ++t) {
        IdleShard::Setup setup;
        setup.url = options.idleUrl;
        setup.secret = options.secret;
        setup.prefix = options.holdName;
        setup.first = t * kConnectionsPerThread;
        setup.count = std::min(kConnectionsPerThread, options.holdIdle - setup.first);
        auto thread = std::make_unique<QThread>();
        auto *shard = new IdleShard(setup);
        shard->moveToThread(thread.get());
        QObject::connect(thread.get(), &QThread::finished, shard, &QObject::deleteLater);
        installEventDispatcher(thread.get());
        thread->start();
        QMetaObject::invokeMethod(shard, &IdleShard::start, Qt::QueuedConnection);
        shards << shard;
        workers.push_back(std::move(thread));
    }

    const auto printStatus = [&] {
        int connected = 0, online = 0, failed = 0, dropped = 0;
        for (const IdleShard *s : std::as_const(shards)) {
            connected += s->connected.load();
            online += s->online.load();
            failed += s->failed.load();
            dropped += s->dropped.load();
        }
        std::printf("status %d %d %d %d\n", connected, online, failed, dropped);
        std::fflush(stdout);
    };
    QTimer status;
    QObject::connect(&status, &QTimer::timeout, printStatus);
    status.start(500);

    // The parent closes our standard input to say "stop" (and if it dies, the pipe closes too).
    bool inputClosed = false;
    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, [&] {
        char buffer[256];
        if (::read(STDIN_FILENO, buffer, sizeof buffer) <= 0) {
            inputClosed = true;
            input.setEnabled(false);
        }
    });
    runUntil([&] { return inputClosed; }, INT_MAX);

    int stopped = 0;
    for (IdleShard *shard : std::as_const(shards)) {
        QObject::connect(shard, &IdleShard::stopped, &status, [&] { ++stopped; });
        QMetaObject::invokeMethod(shard, &IdleShard::stop, Qt::QueuedConnection);
    }
    runUntil([&] { return stopped == int(shards.size()); }, 30000, Wait::EvenIfInterrupted);
    // Let the close frames go out, then end the threads (which delete their shards).
    runUntil([] { return false; }, 300, Wait::EvenIfInterrupted);
    printStatus();
    for (auto &thread : workers) {
        thread->quit();
        thread->wait(5000);
    }
    std::printf("stopped\n");
    std::fflush(stdout);
    return 0;
}

} // namespace hb::bench
