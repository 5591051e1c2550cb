#pragma once

#include <QByteArray>
#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <variant>

namespace hb::bench {

// Everything halobestie-bench can be told (see `--help`).
struct BenchOptions
{
    QUrl customerUrl;
    QUrl mitraUrl; // the same as customerUrl when one --url is given
    QByteArray secret;
    QUrl valkeyUrl; // empty: no Valkey floor
    QList<int> mitraCounts{10, 50, 100, 1000};
    int requests = 200;
    int warmup = 10;
    int concurrency = 50;
    int durationS = 10;
    int sustainedWarmupS = 2;
    int requestTimeoutS = 10;
    int phaseTimeoutS = 180;
    int floorSamples = 500;
    int maxSeconds = 900;
    QString label;
    QString jsonPath; // empty: JSON lines go to stderr
    bool floors = true;
    bool light = true;
    bool sustained = true;

    // Server processes on this machine, for their CPU and memory (0: not measured): the
    // instance of the first --url, then of the second; Valkey; PostgreSQL's postmaster.
    QList<qint64> backendPids;
    qint64 valkeyPid = 0;
    qint64 postgresPid = 0;

    // Idle connections (empty: not run): this many mitras held open and heartbeating on one
    // instance (idleUrl, default the mitras' URL; its pid: the last --backend-pid), level by
    // level, with the instance's memory and CPU measured at each.
    QList<int> idleCounts;
    QUrl idleUrl;
    int idleWindowS = 30; // CPU is measured over this long at each level
    int idleSettleS = 10; // after the level is online, before measuring
    int idlePerProcess = 5000; // connections per holder process (file descriptor limits)
    // Internal: run as one holder process of the idle phase (--hold-idle N --name PREFIX).
    int holdIdle = 0;
    QString holdName;

    // The options, "help" when --help was asked for, or an error message.
    static std::variant<BenchOptions, QString> parse(const QStringList &arguments,
                                                     const QProcessEnvironment &environment);
    static QString usage();
};

} // namespace hb::bench
