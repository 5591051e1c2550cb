#pragma once

#include <QJsonObject>
#include <QString>

namespace hb::bench {

// A string field of a server message, empty when absent: the tools only branch on it.
inline QString textField(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toString();
}

} // namespace hb::bench
