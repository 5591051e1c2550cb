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
    QList<int> mitraCounts{10, 100};
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

    // The options, "help" when --help was asked for, or an error message.
    static std::variant<BenchOptions, QString> parse(const QStringList &arguments,
                                                     const QProcessEnvironment &environment);
    static QString usage();
};

} // namespace hb::bench
