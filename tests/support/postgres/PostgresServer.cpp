#include "PostgresServer.h"

#include "common/FreePort.h"
#include "common/TestTempDir.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QVersionNumber>
#include <grp.h>
#include <pqxx/pqxx>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

namespace hb::test {

namespace {

constexpr int kReadyTimeoutMs = 30000;
constexpr int kStopTimeoutMs = 30000;
constexpr int kInitdbTimeoutMs = 120000;

// $HB_POSTGRES_BINDIR, else the newest /usr/lib/postgresql/<version>/bin (Debian's layout).
QString findBinDir()
{
    const QString forced = qEnvironmentVariable("HB_POSTGRES_BINDIR");
    if (!forced.isEmpty())
        return forced;
    const QDir root(QStringLiteral("/usr/lib/postgresql"));
    QString best;
    QVersionNumber bestVersion;
    const QStringList versions = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : versions) {
        const QVersionNumber version = QVersionNumber::fromString(entry);
        const QString bin = root.filePath(entry) + QStringLiteral("/bin");
        if (version.isNull() || !QFileInfo(bin + QStringLiteral("/postgres")).isExecutable() ||
            !QFileInfo(bin + QStringLiteral("/initdb")).isExecutable())
            continue;
        if (best.isEmpty() || version > bestVersion) {
            best = bin;
            bestVersion = version;
        }
    }
    return best;
}

bool chownTo(const QString &path, uint uid, uint gid, QString *error)
{
    if (::chown(QFile::encodeName(path).constData(), uid, gid) == 0)
        return true;
    *error = QStringLiteral("cannot hand %1 to the postgres user: %2")
                 .arg(path, QString::fromLocal8Bit(strerror(errno)));
    return false;
}

// Processes whose parent is `parent`, from /proc/<pid>/stat ("pid (comm) state ppid ...").
QList<qint64> childrenOf(qint64 parent)
{
    QList<qint64> children;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &entry : entries) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        if (!numeric)
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            continue; // gone meanwhile
        const QByteArray line = stat.readAll();
        // comm may contain spaces and parentheses: the fields start after the last ')'.
        const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 1 && fields[1].toLongLong() == parent)
            children.append(pid);
    }
    return children;
}

QString connectionError(const std::exception &e)
{
    return QString::fromUtf8(e.what()).trimmed();
}

} // namespace

PostgresServer::PostgresServer() : m_binDir(findBinDir()) {}

PostgresServer::~PostgresServer()
{
    stop();
    m_process.reset();
    // QTemporaryDir removes the data; as root it may delete the postgres user's files.
}

QString PostgresServer::url(const QString &database) const
{
    return QStringLiteral("postgresql://postgres@127.0.0.1:%1/%2").arg(m_port).arg(database);
}

bool PostgresServer::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

QString PostgresServer::dataDirectory() const
{
    return m_baseDir ? m_baseDir->filePath(QStringLiteral("data")) : QString();
}

QString PostgresServer::serverLog() const
{
    if (!m_baseDir)
        return {};
    QFile log(m_baseDir->filePath(QStringLiteral("server.log")));
    if (!log.open(QIODevice::ReadOnly))
        return QStringLiteral("(no server log)");
    return QString::fromLocal8Bit(log.readAll());
}

bool PostgresServer::initialize(QString *error)
{
    if (m_binDir.isEmpty()) {
        *error =
            QStringLiteral("no PostgreSQL server binaries in /usr/lib/postgresql/*/bin (install "
                           "postgresql, or set HB_POSTGRES_BINDIR)");
        return false;
    }
    if (::geteuid() == 0) {
        // PostgreSQL refuses to run as root: initdb and postgres run as the postgres user.
        const passwd *user = ::getpwnam("postgres");
        if (!user) {
            *error =
                QStringLiteral("running as root, but there is no `postgres` system user to run "
                               "the server as");
            return false;
        }
        m_asPostgresUser = true;
        m_uid = user->pw_uid;
        m_gid = user->pw_gid;
    }

    // As the test's own user the data goes under testTempRoot() (the build tree when CTest runs
    // it). As `postgres` it goes where that user can reach: the test's folders may lie in a home
    // directory of mode 0700 (Debian's default), which `postgres` cannot enter. Each folder is
    // private (QTemporaryDir makes it 0700) and handed to the server's user.
    QString dataRoot = testTempRoot();
    QString socketRoot = QDir::tempPath();
    if (m_asPostgresUser) {
        dataRoot = socketRoot = tempRootReachableBy(m_uid, m_gid, error);
        if (dataRoot.isEmpty())
            return false;
    }
    m_baseDir = std::make_unique<QTemporaryDir>(dataRoot + QStringLiteral("/hbpg-data-XXXXXX"));
    m_socketDir = std::make_unique<QTemporaryDir>(socketRoot + QStringLiteral("/hbpg-XXXXXX"));
    if (!m_baseDir->isValid() || !m_socketDir->isValid()) {
        *error = QStringLiteral("cannot create temporary directories under %1 and %2")
                     .arg(dataRoot, socketRoot);
        return false;
    }
    if (m_asPostgresUser && (!chownTo(m_baseDir->path(), m_uid, m_gid, error) ||
                             !chownTo(m_socketDir->path(), m_uid, m_gid, error)))
        return false;
    const uid_t serverUid = m_asPostgresUser ? m_uid : ::geteuid();
    const gid_t serverGid = m_asPostgresUser ? m_gid : ::getegid();
    if (!isReachableBy(m_baseDir->path(), serverUid, serverGid)) {
        *error = QStringLiteral("the server's user (uid %1) cannot reach its data directory %2")
                     .arg(serverUid)
                     .arg(m_baseDir->path());
        return false;
    }

    m_port = freeLoopbackPort();
    if (!runInitdb(error))
        return false;
    m_initialized = true;
    return true;
}

void PostgresServer::prepareProcess(QProcess &process) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QStringList keys = env.keys();
    for (const QString &key : keys) {
        if (key.startsWith(QLatin1String("PG"))) // PGDATA, PGPORT... must not redirect the server
            env.remove(key);
    }
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    process.setProcessEnvironment(env);

    const bool dropPrivileges = m_asPostgresUser;
    const uid_t uid = m_uid;
    const gid_t gid = m_gid;
    // Runs in the forked child before exec: async-signal-safe calls only.
    process.setChildProcessModifier([dropPrivileges, uid, gid] {
        // Own process group: a Ctrl-C meant for the test run reaches the test, which then stops
        // the server in order, not the server directly.
        if (::setpgid(0, 0) != 0)
            ::_exit(126);
        if (dropPrivileges &&
            (::setgroups(1, &gid) != 0 || ::setgid(gid) != 0 || ::setuid(uid) != 0))
            ::_exit(126);
        // Set after setuid (which clears it): if the test process dies, the server shuts down
        // at once instead of outliving it. SIGQUIT is PostgreSQL's immediate shutdown.
        ::prctl(PR_SET_PDEATHSIG, SIGQUIT);
        if (::getppid() == 1)
            ::_exit(126);
    });
}

bool PostgresServer::runInitdb(QString *error)
{
    const QString dataDir = m_baseDir->filePath(QStringLiteral("data"));
    QProcess initdb;
    prepareProcess(initdb);
    initdb.setProcessChannelMode(QProcess::MergedChannels);
    initdb.start(m_binDir + QStringLiteral("/initdb"),
                 {QStringLiteral("-D"), dataDir, QStringLiteral("-U"), QStringLiteral("postgres"),
                  QStringLiteral("--auth=trust"), QStringLiteral("-E"), QStringLiteral("UTF8"),
                  QStringLiteral("--no-locale"), QStringLiteral("--no-sync")});
    if (!initdb.waitForFinished(kInitdbTimeoutMs) || initdb.exitStatus() != QProcess::NormalExit ||
        initdb.exitCode() != 0) {
        *error = QStringLiteral("initdb failed (%1, exit code %2); note that the postgres user "
                                "must be able to reach %3:\n%4")
                     .arg(initdb.errorString())
                     .arg(initdb.exitCode())
                     .arg(dataDir, QString::fromLocal8Bit(initdb.readAll()));
        return false;
    }
    return true;
}

bool PostgresServer::start(QString *error)
{
    if (isRunning())
        return true;
    if (!m_initialized && !initialize(error))
        return false;

    const QString logPath = m_baseDir->filePath(QStringLiteral("server.log"));
    m_process = std::make_unique<QProcess>();
    prepareProcess(*m_process);
    m_process->setStandardOutputFile(logPath, QIODevice::Append);
    m_process->setStandardErrorFile(logPath, QIODevice::Append);
    m_process->start(m_binDir + QStringLiteral("/postgres"),
                     {QStringLiteral("-D"), m_baseDir->filePath(QStringLiteral("data")),
                      QStringLiteral("-p"), QString::number(m_port), QStringLiteral("-k"),
                      m_socketDir->path(), QStringLiteral("-c"),
                      QStringLiteral("listen_addresses=127.0.0.1"), QStringLiteral("-c"),
                      QStringLiteral("fsync=off"), QStringLiteral("-c"),
                      QStringLiteral("synchronous_commit=off"), QStringLiteral("-c"),
                      QStringLiteral("full_page_writes=off")});
    if (!m_process->waitForStarted()) {
        *error =
            QStringLiteral("cannot run %1/postgres: %2").arg(m_binDir, m_process->errorString());
        m_process.reset();
        return false;
    }
    return waitUntilReady(error);
}

bool PostgresServer::waitUntilReady(QString *error)
{
    const QDeadlineTimer deadline(kReadyTimeoutMs);
    const std::string probe = QString(url() + QStringLiteral("?connect_timeout=2")).toStdString();
    QString lastError;
    for (;;) {
        try {
            pqxx::connection connection(probe);
            return true;
        } catch (const std::exception &e) {
            lastError = connectionError(e);
        }
        // Doubles as the pause between probes and as the check that the server is still alive.
        if (m_process->waitForFinished(100)) {
            *error = QStringLiteral("postgres exited with code %1 before accepting connections on "
                                    "port %2; server log:\n%3")
                         .arg(m_process->exitCode())
                         .arg(m_port)
                         .arg(serverLog());
            m_process.reset();
            return false;
        }
        if (deadline.hasExpired()) {
            *error = QStringLiteral("postgres did not accept connections on port %1 within %2 ms "
                                    "(last error: %3); server log:\n%4")
                         .arg(m_port)
                         .arg(kReadyTimeoutMs)
                         .arg(lastError, serverLog());
            kill();
            return false;
        }
    }
}

void PostgresServer::stop()
{
    if (!isRunning())
        return;
    ::kill(static_cast<pid_t>(m_process->processId()), SIGINT); // "fast" shutdown
    if (!m_process->waitForFinished(kStopTimeoutMs)) {
        qWarning("PostgresServer: fast shutdown took over %d ms; killing", kStopTimeoutMs);
        kill();
    }
}

void PostgresServer::kill()
{
    if (!isRunning())
        return;
    // A crash takes every server process down at once. Killing only the postmaster would not:
    // each backend is a session leader of its own (setsid) and would go on serving its client
    // until it notices the postmaster is gone. So: freeze the postmaster (it forks no more),
    // kill its children, then kill it.
    const auto pid = static_cast<pid_t>(m_process->processId());
    ::kill(pid, SIGSTOP);
    const QList<qint64> children = childrenOf(pid);
    for (const qint64 child : children)
        ::kill(static_cast<pid_t>(child), SIGKILL);
    ::kill(pid, SIGKILL);
    if (!m_process->waitForFinished(kStopTimeoutMs))
        qFatal("PostgresServer: postgres (pid %d) survived SIGKILL", int(pid));
}

bool PostgresServer::createDatabase(const QString &name, QString *error)
{
    try {
        pqxx::connection connection(url().toStdString());
        pqxx::nontransaction session(connection);
        session.exec("CREATE DATABASE " + connection.quote_name(name.toStdString()));
        return true;
    } catch (const std::exception &e) {
        *error = QStringLiteral("CREATE DATABASE %1 failed: %2").arg(name, connectionError(e));
        return false;
    }
}

QList<QStringList> PostgresServer::query(const QString &database, const QString &sql,
                                         QString *error) const
{
    try {
        pqxx::connection connection(url(database).toStdString());
        pqxx::nontransaction session(connection);
        const pqxx::result result = session.exec(sql.toStdString());
        QList<QStringList> rows;
        for (const auto &row : result) {
            QStringList values;
            for (const auto &field : row) {
                values.append(
                    field.is_null()
                        ? QString()
                        : QString::fromUtf8(field.c_str(), static_cast<qsizetype>(field.size())));
            }
            rows.append(values);
        }
        return rows;
    } catch (const std::exception &e) {
        const QString message =
            QStringLiteral("query on %1 failed: %2\n%3").arg(database, connectionError(e), sql);
        if (!error)
            qFatal("PostgresServer: %s", qUtf8Printable(message));
        *error = message;
        return {};
    }
}

} // namespace hb::test
