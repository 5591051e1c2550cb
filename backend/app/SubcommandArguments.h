#pragma once

#include "Config.h"

#include <QProcessEnvironment>
#include <QStringList>

#include <optional>

namespace hb {

// The arguments of an administrative subcommand (`settings`, `deadletters`) split into its own
// words and the flags that choose the stores (`--database-url URL`, `--valkey-url=URL`,
// `--config FILE`), which go to parseConfig(..., ConfigUse::StoresOnly).
struct SubcommandArguments
{
    QStringList words;
    QStringList storeFlags;
    bool help = false; // -h or --help was given
};

SubcommandArguments splitSubcommandArguments(const QStringList &arguments);

// What such a subcommand does first: split the arguments, answer --help (`usage` on stdout,
// exit 0), read the store settings (their error on stderr, exit 1). `exitCode` set means the
// command is done; otherwise `words` and `config` are what it works with.
struct PreparedSubcommand
{
    QStringList words;
    std::optional<Config> config;
    std::optional<int> exitCode;
};

PreparedSubcommand prepareSubcommand(const char *command, const char *usage,
                                     const QStringList &arguments,
                                     const QProcessEnvironment &environment);

} // namespace hb
