#include "LuaScript.h"

#include <QCryptographicHash>

namespace hb {

LuaScript::LuaScript(QString name, QByteArray source)
    : m_name(std::move(name)), m_source(std::move(source)),
      m_sha1(QCryptographicHash::hash(m_source, QCryptographicHash::Sha1).toHex())
{}

} // namespace hb
