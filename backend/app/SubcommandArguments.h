#pragma once

#include <QStringList>

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

} // namespace hb
