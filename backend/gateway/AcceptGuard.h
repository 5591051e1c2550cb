#pragma once

#include <QObject>
#include <QTimer>

class QTcpServer;

namespace hb {

// Keeps a listener accepting through accept() errors. Qt pauses a QTcpServer on any accept
// error that is not EAGAIN and never resumes it, so one moment out of file descriptors
// (EMFILE/ENFILE) would stop the instance from taking connections for good.
//
// What it does, as libuv and nginx do: hold one spare descriptor; when accept fails for lack of
// descriptors, close the spare, accept the waiting connections and close them at once (those
// clients get a clean close and retry, instead of hanging in the backlog and making the
// listener fire in a loop), take the spare back, and resume the listener after a short pause.
// If descriptors are still short, the next accept fails again and the cycle repeats; once
// clients leave, accepting works again by itself.
class AcceptGuard : public QObject
{
    Q_OBJECT
public:
    AcceptGuard(QTcpServer *server, int resumeAfterMs = 100);
    ~AcceptGuard() override;

    int shedCount() const { return m_shed; }

private:
    void onAcceptError();
    void reserve();

    QTcpServer *m_server;
    QTimer m_resume;
    int m_spare = -1;
    int m_shed = 0;
};

} // namespace hb
