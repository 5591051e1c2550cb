#include "ProcessMeter.h"

#include <QDir>
#include <QFile>

#include <dirent.h>
#include <unistd.h>

namespace hb::bench {

namespace {

QByteArray readProc(qint64 pid, const char *file)
{
    QFile f(QStringLiteral("/proc/%1/%2").arg(pid).arg(QLatin1String(file)));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses):
// [0] is field 3 (state), so utime (field 14) is [11], stime [12], ppid (field 4) [1].
QList<QByteArray> statFields(qint64 pid)
{
    const QByteArray stat = readProc(pid, "stat");
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0)
        return {};
    return stat.mid(close + 2).split(' ');
}

bool addOne(qint64 pid, ProcessSample *sample)
{
    const QList<QByteArray> f = statFields(pid);
    if (f.size() < 13)
        return false;
    static const double ticksPerSecond = double(sysconf(_SC_CLK_TCK));
    sample->cpuSeconds += double(f.at(11).toLongLong() + f.at(12).toLongLong()) / ticksPerSecond;
    for (const QByteArray &line : readProc(pid, "status").split('\n'))
        if (line.startsWith("VmRSS:"))
            sample->rssKiB += line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return true;
}

} // namespace

ProcessMeter::ProcessMeter(QString name, qint64 pid, bool tree)
    : m_name(std::move(name)), m_pid(pid), m_tree(tree)
{}

ProcessSample ProcessMeter::sample() const
{
    ProcessSample s;
    if (m_pid <= 0 || !addOne(m_pid, &s))
        return s;
    s.valid = true;
    if (m_tree) {
        const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
        for (const QString &entry : entries) {
            bool numeric = false;
            const qint64 pid = entry.toLongLong(&numeric);
            if (!numeric || pid == m_pid)
                continue;
            const QList<QByteArray> f = statFields(pid);
            if (f.size() > 1 && f.at(1).toLongLong() == m_pid)
                addOne(pid, &s);
        }
    }
    return s;
}

qint64 ProcessMeter::openFileLimit() const
{
    for (const QByteArray &line : readProc(m_pid, "limits").split('\n'))
        if (line.startsWith("Max open files"))
            return line.mid(14).simplified().split(' ').value(0).toLongLong();
    return -1;
}

qint64 ProcessMeter::openFiles() const
{
    // readdir, not QDir: socket links point nowhere and QDir would filter them out.
    DIR *dir = opendir(QStringLiteral("/proc/%1/fd").arg(m_pid).toLocal8Bit().constData());
    if (!dir)
        return -1;
    qint64 n = 0;
    while (const dirent *entry = readdir(dir))
        if (entry->d_name[0] != '.')
            ++n;
    closedir(dir);
    return n;
}

double cpuPercent(const ProcessSample &before, const ProcessSample &after, double seconds)
{
    if (!before.valid || !after.valid || seconds <= 0)
        return 0;
    return 100.0 * (after.cpuSeconds - before.cpuSeconds) / seconds;
}

} // namespace hb::bench
