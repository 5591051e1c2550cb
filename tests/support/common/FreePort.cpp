#include "FreePort.h"

#include <QHostAddress>
#include <QTcpServer>

namespace hb::test {

quint16 freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        qFatal("freeLoopbackPort: cannot bind 127.0.0.1:0: %s", qPrintable(probe.errorString()));
    return probe.serverPort();
}

} // namespace hb::test
