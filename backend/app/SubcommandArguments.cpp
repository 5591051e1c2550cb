#include "SubcommandArguments.h"

#include "SubcommandOutput.h"

#include <cstdio>

namespace hb {

SubcommandArguments splitSubcommandArguments(const QStringList &arguments)
{
    SubcommandArguments split;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (a == QLatin1String("-h") || a == QLatin1String("--help")) {
            split.help = true;
            return split;
        }
        if (a.startsWith(QLatin1String("--"))) {
            split.storeFlags << a;
            if (!a.contains(QLatin1Char('=')) && i + 1 < arguments.size())
                split.storeFlags << arguments.at(++i);
        } else {
            split.words << a;
        }
    }
    return split;
}

PreparedSubcommand prepareSubcommand(const char *command, const char *usage,
                                     const QStringList &arguments,
                                     const QProcessEnvironment &environment)
{
    const SubcommandArguments split = splitSubcommandArguments(arguments);
    PreparedSubcommand prepared;
    if (split.help) {
        std::fputs(usage, stdout);
        prepared.exitCode = 0;
        return prepared;
    }
    ConfigResult parsed = parseConfig(split.storeFlags, environment, ConfigUse::StoresOnly);
    if (!parsed.config) {
        prepared.exitCode = subcommandFailed(command, parsed.error);
        return prepared;
    }
    prepared.words = split.words;
    prepared.config = std::move(parsed.config);
    return prepared;
}

} // namespace hb
