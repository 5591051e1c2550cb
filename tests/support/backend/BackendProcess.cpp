#include "BackendProcess.h"

#include "common/FreePort.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>

#include <sys/resource.h>

namespace hb::test {

QString BackendProcess::executable()
{
    return QStringLiteral(HB_BACKEND_EXECUTABLE);
}

BackendProcess::BackendProcess(QString instanceId, QProcessEnvironment environment)
    : m_instanceId(std::move(instanceId)), m_environment(std::move(environment))
{
}

BackendProcess::~BackendProcess()
{
    if (m_process.state() != QProcess::NotRunning)
        kill();
}

QString BackendProcess::url() const
{
    return QStringLiteral("ws://127.0.0.1:%1/v1/ws").arg(m_port);
}

qint64 BackendProcess::residentKiB() const
{
    QFile status(QStringLiteral("/proc/%1/status").arg(m_process.processId()));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

QByteArray BackendProcess::output() const
{
    return m_output;
}

bool BackendProcess::start(QString *error, int timeoutMs)
{
    m_port = freeLoopbackPort();
    QProcessEnvironment env = m_environment;
    env.insert(QStringLiteral("HALOBESTIE_LISTEN"), QStringLiteral("127.0.0.1:%1").arg(m_port));
    env.insert(QStringLiteral("HALOBESTIE_INSTANCE_ID"), m_instanceId);
    m_process.setProcessEnvironment(env);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_output.clear();
    if (m_openFileLimit > 0) {
        const rlim_t limit = rlim_t(m_openFileLimit);
        m_process.setChildProcessModifier([limit] {
            const rlimit value{limit, limit};
            ::setrlimit(RLIMIT_NOFILE, &value); // async-signal-safe, between fork and exec
        });
    }
    m_process.start(executable(), {});
    if (!m_process.waitForStarted(10000)) {
        *error = QStringLiteral("cannot start %1: %2").arg(executable(), m_process.errorString());
        return false;
    }
    // Blocking waits are fine here: this is the test's own process, not the server's loop.
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (m_process.waitForReadyRead(100))
            m_output += m_process.readAll();
        if (m_output.contains(" ready: "))
            return true;
        if (m_process.state() == QProcess::NotRunning) {
            m_output += m_process.readAll();
            *error = QStringLiteral("backend %1 exited during start-up (code %2):\n%3")
                         .arg(m_instanceId)
                         .arg(m_process.exitCode())
                         .arg(QString::fromUtf8(m_output));
            return false;
        }
    }
    *error = QStringLiteral("backend %1 not ready within %2 ms:\n%3")
                 .arg(m_instanceId)
                 .arg(timeoutMs)
                 .arg(QString::fromUtf8(m_output));
    kill();
    return false;
}

int BackendProcess::stop(int timeoutMs)
{
    if (m_process.state() == QProcess::NotRunning) {
        // It died by itself: keep what it said last (a crash or sanitizer report).
        m_output += m_process.readAll();
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }
    m_process.terminate();
    if (!m_process.waitForFinished(timeoutMs)) {
        kill();
        return -1;
    }
    m_output += m_process.readAll();
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

void BackendProcess::kill()
{
    m_process.kill();
    m_process.waitForFinished(10000);
    m_output += m_process.readAll();
}

} // namespace hb::test
