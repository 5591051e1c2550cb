#include "AcceptGuard.h"

#include <QTcpServer>

#include <cerrno>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace hb {

AcceptGuard::AcceptGuard(QTcpServer *server, int resumeAfterMs)
    : QObject(server), m_server(server)
{
    reserve();
    m_resume.setSingleShot(true);
    m_resume.setInterval(resumeAfterMs);
    connect(&m_resume, &QTimer::timeout, this, [this] {
        reserve();
        if (m_server->isListening())
            m_server->resumeAccepting();
    });
    connect(m_server, &QTcpServer::acceptError, this, &AcceptGuard::onAcceptError);
}

AcceptGuard::~AcceptGuard()
{
    if (m_spare >= 0)
        ::close(m_spare);
}

void AcceptGuard::reserve()
{
    if (m_spare < 0)
        m_spare = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
}

void AcceptGuard::onAcceptError()
{
    // Qt has paused the listener already. Make room with the spare descriptor and shed what
    // waits in the backlog, so those clients hear "closed" now rather than time out.
    const int error = errno;
    if (m_spare >= 0) {
        ::close(m_spare);
        m_spare = -1;
    }
    const int listener = int(m_server->socketDescriptor());
    int shedNow = 0;
    while (listener >= 0 && shedNow < 1024) {
        const int fd = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (fd < 0)
            break;
        ::close(fd);
        ++shedNow;
    }
    m_shed += shedNow;
    qWarning("accept failed (%s, errno %d): shed %d waiting connection(s); accepting again in "
             "%d ms",
             qPrintable(m_server->errorString()), error, shedNow, m_resume.interval());
    reserve();
    m_resume.start();
}

} // namespace hb
