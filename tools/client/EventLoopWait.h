#pragma once

#include <functional>

namespace hb::bench {

// SIGINT/SIGTERM only set a flag (the one thing a signal handler may safely do); the waits
// below notice it, so every tool stops through its normal clean-up path.
void installInterruptHandler();
// Also true once the run's overall time limit (if set) has passed: the same clean stop.
bool interrupted();
void setOverallTimeLimit(int seconds);

// Runs the event loop until `done()` is true, the timeout passes or an interrupt arrives;
// returns `done()`. Only the top level (main and scenario drivers) waits: event handlers never
// do, so loops never nest more than one deep. The condition is checked every 10 ms: waking
// up more often would cost the measured sockets dispatcher time, less often would only delay
// the end of a phase, never a measured latency (those are stamped in the handlers).
// Clean-up passes `Wait::EvenIfInterrupted`: saying goodbye to the server is bounded anyway and
// must still happen after Ctrl-C.
enum class Wait { UnlessInterrupted, EvenIfInterrupted };
bool runUntil(const std::function<bool()> &done, int timeoutMs,
              Wait mode = Wait::UnlessInterrupted);

// Runs the event loop for `ms` (or until an interrupt).
void runFor(int ms);

} // namespace hb::bench
