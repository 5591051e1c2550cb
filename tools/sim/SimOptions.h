#pragma once

#include <QByteArray>
#include <QList>
#include <QProcessEnvironment>
#include <QStringList>
#include <QUrl>
#include <variant>

namespace hb::sim {

// What halobestie-sim can be told (see `--help`).
struct SimOptions
{
    QList<QUrl> urls; // clients are spread over them in turn
    QByteArray secret;
    int mitras = 10;
    int customers = 20;
    int durationS = 60;       // 0: until Ctrl-C
    double dropRate = 0;      // chance per heartbeat interval that a mitra's phone drops off
    int acceptDelayMs = 2000; // mean time a mitra takes to answer an offer
    double declineProbability = 0.1;
    int sessionSeconds = 30; // mean session length
    double requestRate = 1;  // pairing requests per second over all customers; 0: nonstop
    int reportEveryS = 5;
    quint32 seed = 0; // 0: random
    QString name;     // user id prefix; default sim-<random> (display names: SimNames.h)

    // The options, "help" when --help was asked for, or an error message.
    static std::variant<SimOptions, QString> parse(const QStringList &arguments,
                                                   const QProcessEnvironment &environment);
    static QString usage();
};

} // namespace hb::sim
