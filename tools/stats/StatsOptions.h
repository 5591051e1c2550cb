#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <variant>

namespace hb::stats {

// What halobestie-stats can be told (see `--help`). The server and token may also come from
// HALOBESTIE_SERVER / HALOBESTIE_TOKEN, as for the control center.
struct StatsOptions
{
    QUrl url;
    QString token;    // sign in with a staff token...
    QString username; // ...or with an account (password on standard input)
    int everyS = 2;
    int durationS = 0; // 0: until Ctrl-C
    int tableRows = 0; // busiest mitras listed under each line
    bool printToken = false;

    static std::variant<StatsOptions, QString> parse(const QStringList &arguments,
                                                     const QProcessEnvironment &environment);
    static QString usage();
};

} // namespace hb::stats
