#include "app/Icons.h"

#include <QHash>

namespace hb::ui::icons {

QIcon get(const QString &name)
{
    // Widgets ask for the same few icons over and over (delegates, actions); QIcon copies are
    // cheap, parsing the SVG is not.
    static QHash<QString, QIcon> cache;
    auto it = cache.constFind(name);
    if (it == cache.constEnd())
        it = cache.insert(name, QIcon(QStringLiteral(":/icons/") + name + QStringLiteral(".svg")));
    return *it;
}

} // namespace hb::ui::icons
