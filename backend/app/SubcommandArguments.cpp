#include "SubcommandArguments.h"

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

} // namespace hb
