#include "ProxyProtocol.h"

#include <QList>

namespace hb {

ProxyHeader parseProxyHeader(const QByteArray &head)
{
    ProxyHeader result;
    static const QByteArray prefix = QByteArrayLiteral("PROXY ");
    if (!head.startsWith(prefix.left(std::min<qsizetype>(head.size(), prefix.size()))))
        return result; // NotProxy
    const qsizetype eol = head.indexOf("\r\n");
    if (eol < 0) {
        result.status = head.size() >= kMaxProxyHeaderBytes ? ProxyHeader::Status::Invalid
                                                            : ProxyHeader::Status::Incomplete;
        return result;
    }
    if (eol + 2 > kMaxProxyHeaderBytes || head.size() < prefix.size()) {
        result.status = ProxyHeader::Status::Invalid;
        return result;
    }
    result.length = int(eol + 2);
    const QList<QByteArray> parts = head.left(eol).split(' ');
    if (parts.size() >= 2 && parts.at(1) == "UNKNOWN") {
        result.status = ProxyHeader::Status::Unknown;
        return result;
    }
    result.status = ProxyHeader::Status::Invalid;
    if (parts.size() != 6 || (parts.at(1) != "TCP4" && parts.at(1) != "TCP6"))
        return result;
    QHostAddress source;
    if (!source.setAddress(QString::fromLatin1(parts.at(2))))
        return result;
    const bool v4 = source.protocol() == QAbstractSocket::IPv4Protocol;
    if (v4 != (parts.at(1) == "TCP4"))
        return result;
    bool ok = false;
    const uint port = parts.at(4).toUInt(&ok);
    if (!ok || port > 65535)
        return result;
    result.client = source;
    result.status = ProxyHeader::Status::Address;
    return result;
}

} // namespace hb
