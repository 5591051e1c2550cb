#include "LuaScripts.h"

#include <QFile>

namespace hb {

namespace {

LuaScript load(const char *name)
{
    const QString path = QStringLiteral(":/lua/%1.lua").arg(QLatin1String(name));
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("Lua script %s missing from the resources", qPrintable(path));
    return LuaScript(QString::fromLatin1(name), f.readAll());
}

} // namespace

const LuaScripts &LuaScripts::instance()
{
    static const LuaScripts scripts{
        load("presence_online"),   load("presence_offline"), load("presence_heartbeat"),
        load("presence_expire"),   load("presence_restore"), load("connection_claim"),
        load("connection_release"),
    };
    return scripts;
}

} // namespace hb
