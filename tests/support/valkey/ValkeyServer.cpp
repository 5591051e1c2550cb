#include "ValkeyServer.h"

#include "common/FreePort.h"
#include "common/TestTempDir.h"

#include <QDeadlineTimer>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTcpSocket>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

namespace hb::test {

namespace {

constexpr int startTimeoutMs = 10000;

QString serverExecutable()
{
    QString path = QStandardPaths::findExecutable(QStringLiteral("redis-server"));
    if (path.isEmpty() && QFileInfo(QStringLiteral("/usr/bin/redis-server")).isExecutable())
        path = QStringLiteral("/usr/bin/redis-server");
    return path;
}

// Asks whoever listens on the port for its process id (INFO server), over a short-lived socket;
// -1 if nothing answers yet. Comparing it with our child's pid makes sure we never mistake
// another server that grabbed the port for ours. Blocking waits are fine here: this runs in
// test set-up, not on a server's event loop.
qint64 serverPid(quint16 port, int timeoutMs)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(timeoutMs))
        return -1;
    socket.write("INFO server\r\n");
    const QDeadlineTimer deadline(timeoutMs);
    QByteArray answer;
    // A bulk string: "$<length>\r\n<text>\r\n".
    qsizetype expected = -1;
    while (expected < 0 || answer.size() < expected) {
        if (!socket.waitForReadyRead(int(deadline.remainingTime())))
            return -1;
        answer += socket.readAll();
        const qsizetype eol = answer.indexOf("\r\n");
        if (expected < 0 && eol > 0) {
            if (!answer.startsWith('$'))
                return -1; // e.g. -LOADING: not ready yet
            expected = eol + 2 + answer.mid(1, eol - 1).toLongLong() + 2;
        }
    }
    for (const QByteArray &line : answer.split('\n')) {
        if (line.startsWith("process_id:"))
            return line.mid(11).trimmed().toLongLong();
    }
    return -1;
}

} // namespace

ValkeyServer::ValkeyServer() = default;

ValkeyServer::~ValkeyServer()
{
    stop();
    // m_dir removes the directory (autoRemove).
}

QString ValkeyServer::url() const
{
    return QStringLiteral("redis://127.0.0.1:%1/0").arg(m_port);
}

QByteArray ValkeyServer::output() const
{
    if (m_process)
        m_output += m_process->readAll();
    return m_output;
}

bool ValkeyServer::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

bool ValkeyServer::start(QString *error)
{
    if (isRunning())
        return true;
    const QString exe = serverExecutable();
    if (exe.isEmpty()) {
        *error = QStringLiteral("redis-server not found on PATH nor at /usr/bin/redis-server "
                                "(install the redis-server package)");
        return false;
    }
    if (!m_dir) {
        m_dir = std::make_unique<QTemporaryDir>(testTempRoot() + QStringLiteral("/valkey-XXXXXX"));
        if (!m_dir->isValid()) {
            *error = QStringLiteral("cannot create a data directory: %1").arg(m_dir->errorString());
            m_dir.reset();
            return false;
        }
    }
    if (m_port != 0)
        return launch(exe, error); // a restart: same port, so clients can reconnect
    // Another process can take the free port before the server binds it: try a few.
    for (int attempt = 0; attempt < 3; ++attempt) {
        m_port = freeLoopbackPort();
        if (launch(exe, error))
            return true;
        if (!m_output.contains("Address already in use"))
            break;
    }
    m_port = 0;
    return false;
}

bool ValkeyServer::launch(const QString &exe, QString *error)
{
    m_output.clear();
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setWorkingDirectory(m_dir->path());
#ifdef Q_OS_LINUX
    // If the test process dies (a crash, a CTest timeout) the server must not outlive it.
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
#endif
    m_process->start(exe, {
                              QStringLiteral("--port"),
                              QString::number(m_port),
                              QStringLiteral("--bind"),
                              QStringLiteral("127.0.0.1"),
                              QStringLiteral("--dir"),
                              m_dir->path(),
                              QStringLiteral("--save"),
                              QString(),
                              QStringLiteral("--appendonly"),
                              QStringLiteral("no"),
                              QStringLiteral("--daemonize"),
                              QStringLiteral("no"),
                              QStringLiteral("--logfile"),
                              QString(),
                          });
    if (!m_process->waitForStarted(startTimeoutMs)) {
        *error = QStringLiteral("cannot start %1: %2").arg(exe, m_process->errorString());
        m_process.reset();
        return false;
    }
    return waitUntilReady(error);
}

bool ValkeyServer::waitUntilReady(QString *error)
{
    const QDeadlineTimer deadline(startTimeoutMs);
    while (!deadline.hasExpired()) {
        if (m_process->state() == QProcess::NotRunning) {
            *error =
                QStringLiteral("redis-server on port %1 exited with code %2 while starting:\n%3")
                    .arg(m_port)
                    .arg(m_process->exitCode())
                    .arg(QString::fromLocal8Bit(output()));
            return false;
        }
        if (serverPid(m_port, 200) == m_process->processId())
            return true;
        // Not a test sleep: a bounded poll while a child process starts.
        m_process->waitForFinished(20);
    }
    *error = QStringLiteral("redis-server on port %1 did not answer within %2 ms:\n%3")
                 .arg(m_port)
                 .arg(startTimeoutMs)
                 .arg(QString::fromLocal8Bit(output()));
    kill();
    return false;
}

void ValkeyServer::stop()
{
    if (!isRunning())
        return;
    m_process->terminate(); // SIGTERM: redis-server shuts down cleanly (nothing to save)
    if (!m_process->waitForFinished(10000)) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
    output();
}

void ValkeyServer::kill()
{
    if (!isRunning())
        return;
    m_process->kill();
    m_process->waitForFinished(5000);
    output();
}

} // namespace hb::test
