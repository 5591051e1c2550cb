#pragma once

#include <QByteArray>
#include <QString>

namespace hb {

// A Lua script run with EVALSHA. The SHA1 is computed here, once, so the client never has to
// ask the server for it; ValkeyClient::eval falls back to EVAL when the server has forgotten it.
class LuaScript
{
public:
    LuaScript() = default;
    LuaScript(QString name, QByteArray source);

    // For logs only; the server knows the script by its SHA1.
    const QString &name() const { return m_name; }
    const QByteArray &source() const { return m_source; }
    // Lower-case hex, as SCRIPT LOAD returns it and EVALSHA takes it.
    const QByteArray &sha1() const { return m_sha1; }
    bool isNull() const { return m_source.isEmpty(); }

private:
    QString m_name;
    QByteArray m_source;
    QByteArray m_sha1;
};

} // namespace hb
