#pragma once

namespace hb::bench {

struct BenchOptions;

// `halobestie-bench --hold-idle N --name PREFIX --url URL`: one helper process of the idle
// phase (IdleScenario starts them; a process can hold only so many sockets). Keeps N mitras
// online and heartbeating, prints `status <connected> <online> <failed> <dropped>` on stdout
// twice a second, and on end of standard input (or SIGTERM/SIGINT) takes them offline, closes
// and exits.
int runIdleHolder(const BenchOptions &options);

} // namespace hb::bench
