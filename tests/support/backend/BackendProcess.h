#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>

namespace hb::test {

// One real `halobestie-backend` process on a free loopback port, for end-to-end tests: started
// with the given environment, considered up when it prints its "ready" line, stopped with
// SIGTERM (clean) or SIGKILL (crash).
class BackendProcess
{
public:
    static QString executable(); // path compiled in by CMake

    BackendProcess(QString instanceId, QProcessEnvironment environment);
    ~BackendProcess();

    bool start(QString *error, int timeoutMs = 30000);
    // SIGTERM, then wait for exit; returns the exit code (-1 if it had to be killed).
    int stop(int timeoutMs = 20000);
    void kill();

    // Starts the process with RLIMIT_NOFILE at `limit` (descriptor exhaustion tests); call
    // before start().
    void setOpenFileLimit(int limit) { m_openFileLimit = limit; }
    qint64 pid() const { return m_process.processId(); }
    // Resident memory of the running process in KiB (from /proc), -1 if unknown.
    qint64 residentKiB() const;

    quint16 port() const { return m_port; }
    QString url() const;
    QString instanceId() const { return m_instanceId; }
    QByteArray output() const; // stdout + stderr so far, for failure messages

private:
    QString m_instanceId;
    QProcessEnvironment m_environment;
    quint16 m_port = 0;
    int m_openFileLimit = 0;
    QProcess m_process;
    QByteArray m_output;
};

} // namespace hb::test
