#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace hb::cc {

// Turns a burst of "something changed" into at most one refresh per interval, never two at
// once, and always one more after the last change (so the lists end up current). The owner
// connects fire() to the refresh and calls done() when its answers are in.
class RefreshThrottle : public QObject
{
    Q_OBJECT

public:
    explicit RefreshThrottle(int minIntervalMs = 400, QObject *parent = nullptr);

    void setMinInterval(int ms) { m_minIntervalMs = ms; }
    // Something changed: refresh now, or as soon as allowed.
    void request();
    // The refresh that fire() started has finished (or failed).
    void done();
    // Forget everything (e.g. on disconnect): nothing in flight, nothing owed.
    void reset();
    bool isInFlight() const { return m_inFlight; }

signals:
    void fire();

private:
    void tryFire();

    int m_minIntervalMs;
    bool m_inFlight = false;
    bool m_owed = false;
    QElapsedTimer m_sinceLast;
    QTimer m_timer;
};

} // namespace hb::cc
