#include "ProtocolDump.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QMutexLocker>

namespace hb::test {

void ProtocolDump::record(const QString &frame)
{
    static const QString path = qEnvironmentVariable("HB_PROTOCOL_DUMP");
    if (path.isEmpty())
        return;
    static QMutex mutex;
    static bool truncated = false;
    const QMutexLocker lock(&mutex);
    if (!truncated)
        QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    // The first frame of this test process starts the file afresh: a dump holds one run only
    // (ctest also removes the directory first: fixture protocol_dump).
    const QIODevice::OpenMode mode =
        truncated ? (QIODevice::WriteOnly | QIODevice::Append) : QIODevice::WriteOnly;
    if (!file.open(mode | QIODevice::Text))
        qFatal("HB_PROTOCOL_DUMP: cannot write %s", qPrintable(path));
    truncated = true;
    QString line = frame;
    line.replace(QLatin1Char('\n'), QLatin1Char(' ')); // one frame, one line
    file.write(line.toUtf8() + '\n');
}

} // namespace hb::test
