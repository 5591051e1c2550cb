#include "EventDispatcher.h"

#include <QCoreApplication>
#include <QThread>

#ifdef Q_OS_LINUX
#include "EpollEventDispatcher.h"
#endif

namespace hb {

namespace {

bool wantQtDispatcher()
{
    return qgetenv("HALOBESTIE_EVENT_DISPATCHER") == "qt";
}

} // namespace

QString eventDispatcherName()
{
#ifdef Q_OS_LINUX
    if (!wantQtDispatcher())
        return QStringLiteral("epoll");
#endif
    return QStringLiteral("qt");
}

QAbstractEventDispatcher *createEventDispatcher()
{
#ifdef Q_OS_LINUX
    if (!wantQtDispatcher())
        return new EpollEventDispatcher;
#endif
    return nullptr;
}

QString installEventDispatcher()
{
    if (QAbstractEventDispatcher *dispatcher = createEventDispatcher()) {
        QCoreApplication::setEventDispatcher(dispatcher);
        return QStringLiteral("epoll");
    }
    return QStringLiteral("qt");
}

void installEventDispatcher(QThread *thread)
{
    if (QAbstractEventDispatcher *dispatcher = createEventDispatcher())
        thread->setEventDispatcher(dispatcher);
}

} // namespace hb
