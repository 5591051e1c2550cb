#pragma once

#include <QObject>

#include <initializer_list>

class QSocketNotifier;

namespace hb {

// Turns SIGINT/SIGTERM into a Qt signal: the handler only writes a byte to a socket pair (the
// one thing that is safe in a signal handler); the event loop reads it.
class UnixSignals : public QObject
{
    Q_OBJECT
public:
    explicit UnixSignals(std::initializer_list<int> signalNumbers, QObject *parent = nullptr);
    ~UnixSignals() override;

signals:
    void received(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace hb
