#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <memory>

namespace hb::test {

// A throwaway Valkey-compatible server for tests: redis-server (from PATH or /usr/bin) as a
// child process on 127.0.0.1, on a free port, in a fresh directory under testTempRoot(), with
// persistence off. It can be stopped or killed and started again on the same port, to test
// reconnects. Destroying it stops the server and removes the directory.
//
// A server that does not come up is a test failure, never a skip:
//     QVERIFY2(server.start(&error), qPrintable(error));
class ValkeyServer
{
public:
    ValkeyServer();
    ~ValkeyServer();
    ValkeyServer(const ValkeyServer &) = delete;
    ValkeyServer &operator=(const ValkeyServer &) = delete;

    // Starts the server and waits (at most 10 s) until it answers. The first start picks the
    // port; later ones reuse it. On failure returns false with the reason and the
    // server's output in *error.
    bool start(QString *error);
    // SHUTDOWN-like graceful stop (SIGTERM), waiting for the process to exit.
    void stop();
    // SIGKILL: the server vanishes with connections open, as in a crash.
    void kill();
    bool isRunning() const;

    quint16 port() const { return m_port; }
    QString host() const { return QStringLiteral("127.0.0.1"); }
    // redis://127.0.0.1:<port>/0
    QString url() const;
    // Everything the server printed so far (for failure messages).
    QByteArray output() const;

private:
    bool launch(const QString &exe, QString *error);
    bool waitUntilReady(QString *error);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    mutable QByteArray m_output;
};

} // namespace hb::test
