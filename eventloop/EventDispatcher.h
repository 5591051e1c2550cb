#pragma once

#include <QString>

class QAbstractEventDispatcher;
class QThread;

namespace hb {

// Which event dispatcher HaloBestie's servers and load tools run on. On Linux that is
// EpollEventDispatcher (a wake-up costs the same however many sockets are open); elsewhere, and
// when HALOBESTIE_EVENT_DISPATCHER=qt, Qt's own. See docs/benchmarks.md for what it changes.

// "epoll" or "qt": what createEventDispatcher() makes here.
QString eventDispatcherName();

// A new dispatcher of the chosen kind, or nullptr for Qt's default.
QAbstractEventDispatcher *createEventDispatcher();

// For the main thread: call before the QCoreApplication is constructed. Returns the name of
// the dispatcher in use: "epoll" or "qt".
QString installEventDispatcher();

// For a thread that runs an event loop: call before QThread::start().
void installEventDispatcher(QThread *thread);

} // namespace hb
