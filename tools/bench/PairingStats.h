#pragma once

#include "LatencyRecorder.h"

#include <QHash>
#include <QMap>
#include <QString>
#include <QtGlobal>

namespace hb::bench {

// What one pairing phase observed, filled in by the simulated customers and mitras of one
// process. Because both ends of every pairing live here, each stage of a request is stamped on
// one clock: request sent → `pairing.searching` → first `offer` at any mitra → winner's
// `session.assigned` → customer's `pairing.found` → `session.started`.
class PairingStats
{
public:
    // Completions count only while recording: the sustained phase opens its window after a
    // warm-up and closes it before the drain.
    void setRecording(bool on) { m_recording = on; }
    bool isRecording() const { return m_recording; }

    void noteOffer(const QString &requestId, qint64 ns);
    void noteAssigned(const QString &requestId, qint64 ns);
    void noteSearching(qint64 sentNs, qint64 ns);
    // A pairing ended in `session.started`; `measured` is false for warm-up requests.
    void complete(const QString &requestId, bool measured, qint64 sentNs, qint64 foundNs,
                  qint64 startedNs);

    void countFailed(const QString &reason)
    {
        ++m_failed;
        ++m_failedReasons[reason];
    }
    void countTimeout() { ++m_timeouts; }
    void countError(const QString &what) { ++m_errors[what]; }
    // An accept the server refused (`conflict`: someone else won; `capacity_full`: this mitra
    // won others meanwhile): the price of offering one request to many, not a fault.
    void countAcceptRefused(const QString &code)
    {
        ++m_acceptsLost;
        ++m_acceptRefusals[code];
    }
    void countOffer() { ++m_offers; }

    // Forgets everything (between phases).
    void reset();

    const LatencyRecorder &total() const { return m_total; }
    const LatencyRecorder &searching() const { return m_searching; }
    const LatencyRecorder &firstOffer() const { return m_firstOffer; }
    const LatencyRecorder &assigned() const { return m_assigned; }
    const LatencyRecorder &found() const { return m_found; }
    qint64 completedAll() const { return m_completedAll; }
    qint64 failed() const { return m_failed; }
    qint64 timeouts() const { return m_timeouts; }
    qint64 offers() const { return m_offers; }
    qint64 acceptsLost() const { return m_acceptsLost; }
    const QMap<QString, qint64> &errors() const { return m_errors; }
    const QMap<QString, qint64> &acceptRefusals() const { return m_acceptRefusals; }
    const QMap<QString, qint64> &failedReasons() const { return m_failedReasons; }

private:
    bool m_recording = true;
    // Stamps of requests still in flight, keyed by request id; taken out on completion.
    QHash<QString, qint64> m_firstOfferNs;
    QHash<QString, qint64> m_assignedNs;
    LatencyRecorder m_total;
    LatencyRecorder m_searching;
    LatencyRecorder m_firstOffer;
    LatencyRecorder m_assigned;
    LatencyRecorder m_found;
    qint64 m_completedAll = 0;
    qint64 m_failed = 0;
    qint64 m_timeouts = 0;
    qint64 m_offers = 0;
    qint64 m_acceptsLost = 0;
    QMap<QString, qint64> m_errors;
    QMap<QString, qint64> m_acceptRefusals;
    QMap<QString, qint64> m_failedReasons;
};

} // namespace hb::bench
