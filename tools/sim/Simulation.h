#pragma once

#include "SimCounters.h"
#include "SimOptions.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QRandomGenerator>
#include <QString>
#include <QTimer>

namespace hb::sim {

class SimCustomer;
class SimMitra;

// The whole simulated population: creates the apps, spreads them over the URLs, paces the
// customers' requests, prints a summary line every few seconds, and stops everyone cleanly.
class Simulation : public QObject
{
    Q_OBJECT
public:
    explicit Simulation(SimOptions options, QObject *parent = nullptr);

    void start();
    // Cancels requests, ends sessions, takes mitras offline, disconnects; bounded in time.
    void stop();
    QString summaryLine(const QString &prefix);
    QString finalReport() const;

private:
    void scheduleNextRequest();
    void requestFromIdleCustomer();

    SimOptions m_options;
    QRandomGenerator m_random;
    SimCounters m_counters;
    SimCounters m_previous; // counters at the last summary line, for the "+N" figures
    QList<SimMitra *> m_mitras;
    QList<SimCustomer *> m_customers;
    QTimer m_pacer;
    QTimer m_report;
    QElapsedTimer m_clock;
};

} // namespace hb::sim
