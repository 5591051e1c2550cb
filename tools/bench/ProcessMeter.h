#pragma once

#include <QList>
#include <QString>
#include <QtGlobal>

namespace hb::bench {

// What the kernel says about a server process on this machine (Linux /proc): CPU time used so
// far and resident memory. The bench and the servers share the machine, so these are read
// directly, next to the latencies they explain.
struct ProcessSample
{
    double cpuSeconds = 0; // user + system, all threads (and, for a tree, all processes)
    qint64 rssKiB = 0;     // VmRSS (summed over a tree)
    bool valid = false;
};

class ProcessMeter
{
public:
    // `tree`: also count every process whose parent is `pid` (PostgreSQL runs one process per
    // connection under its postmaster).
    ProcessMeter(QString name, qint64 pid, bool tree = false);

    const QString &name() const { return m_name; }
    qint64 pid() const { return m_pid; }
    ProcessSample sample() const;

    // The soft limit on open files and the descriptors open now (-1 if unknown).
    qint64 openFileLimit() const;
    qint64 openFiles() const;

private:
    QString m_name;
    qint64 m_pid;
    bool m_tree;
};

// CPU used between two samples, in % of one core over `seconds`.
double cpuPercent(const ProcessSample &before, const ProcessSample &after, double seconds);

} // namespace hb::bench
