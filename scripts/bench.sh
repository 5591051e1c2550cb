#!/usr/bin/env bash
# Benchmarks on a throwaway stack: a Valkey-compatible server, PostgreSQL and TWO backend
# instances on loopback (customers on one, mitras on the other, so every pairing crosses
# instances), then halobestie-bench with broadcast and with round robin at 10, 50, 100 and 1,000
# online mitras; then the idle-connection run against a THIRD, fresh instance (1k, 5k, 10k, 20k
# mitras heartbeating: its memory per connection and the CPU heartbeats cost). Prints the
# markdown tables; JSON lines land in $HB_BENCH_OUT. Everything it starts is stopped on exit,
# Ctrl-C included. See docs/benchmarks.md.
#
# Environment: HB_SKIP_BUILD=1 reuses an existing build; HB_BUILD_DIR (default build/bench, a
# Release build of its own) or HB_BACKEND / HB_BENCH naming the two programs directly;
# HB_BENCH_OUT (default build/bench-results); HB_BENCH_STRATEGIES (default
# "broadcast round_robin"; empty: no pairing runs); HB_BENCH_IDLE (default
# "1000,5000,10000,20000"; empty: no idle run); HB_BENCH_IDLE_ARGS (extra arguments for the idle
# run, e.g. "--idle-window 60"); HB_BENCH_RUN_LIMIT_S (per bench run, default 900).
# Extra arguments go to every pairing run, e.g.
#   bash scripts/bench.sh --requests 50 --duration 5 --mitras 10
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/servers.sh

build_dir=${HB_BUILD_DIR:-build/bench}
out_dir=${HB_BENCH_OUT:-build/bench-results}
strategies=${HB_BENCH_STRATEGIES-broadcast round_robin}
idle_levels=${HB_BENCH_IDLE-1000,5000,10000,20000}
# Per bench run; the bench stops itself at --max-seconds, `timeout` is the backstop.
run_limit_s=${HB_BENCH_RUN_LIMIT_S:-900}

if [[ ${HB_SKIP_BUILD:-0} != 1 ]]; then
  bash scripts/install-deps.sh
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DHB_BUILD_TESTS=OFF \
    -DHB_BUILD_CONTROLCENTER=OFF >/dev/null
  cmake --build "$build_dir" --target halobestie-backend halobestie-bench
fi
backend=${HB_BACKEND:-$build_dir/backend/halobestie-backend}
bench=${HB_BENCH:-$build_dir/tools/bench/halobestie-bench}
[[ -x $backend && -x $bench ]] || hb_die "$backend or $bench is missing: build first (or unset HB_SKIP_BUILD)"

# The idle run holds tens of thousands of sockets: allow what the system allows.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

work=$(mktemp -d /tmp/halobestie-bench.XXXXXX)
pid_a= pid_b= pid_idle=
cleanup() {
  trap - EXIT INT TERM
  hb_stop_pids TERM "$pid_a" "$pid_b" "$pid_idle"
  hb_stop_postgres
  hb_stop_pid "${HB_VALKEY_PID:-}" TERM
  rm -rf "$work"
}
trap cleanup EXIT
# Ctrl-C reaches the bench too (it stops cleanly and prints what it measured); the loop below
# then ends and the EXIT trap stops the servers.
interrupted=0
trap 'interrupted=1' INT TERM

valkey_port=$(hb_free_port)
pg_port=$(hb_free_port)
valkey_password=$(hb_new_password)
hb_start_valkey "$work/valkey" "$valkey_port" "$valkey_password"
hb_start_postgres "$work/pg" "$pg_port" "$(hb_new_password)"

export HALOBESTIE_VALKEY_URL=redis://:$valkey_password@127.0.0.1:$valkey_port/0
export PGPASSFILE=$work/pg/pgpass
export HALOBESTIE_DATABASE_URL=postgresql://postgres@127.0.0.1:$pg_port/halobestie
export HALOBESTIE_JWT_SECRET=$(head -c 32 /dev/urandom | base64)
export HALOBESTIE_STAFF_JWT_SECRET=$(head -c 32 /dev/urandom | base64)
# The bench is itself a load generator, all from 127.0.0.1: lift the per-client limits that
# protect a real deployment (rates, per-address and unauthenticated caps) so they do not shape
# the figures.
export HALOBESTIE_MAX_CONNECTIONS=1000000 HALOBESTIE_MAX_CONNECTIONS_PER_ADDRESS=1000000 \
  HALOBESTIE_MAX_UNAUTHENTICATED=1000000 HALOBESTIE_RATE_MESSAGES_PER_S=100000 \
  HALOBESTIE_RATE_MESSAGE_BURST=100000 HALOBESTIE_RATE_PAIRING_PER_MIN=1000000 \
  HALOBESTIE_RATE_PAIRING_BURST=100000

# Each server in its own session (setsid): a Ctrl-C reaches the bench (which stops cleanly)
# and this script, which then stops the servers once, in order.
start_backend() { # NAME PORT -> prints the pid
  HALOBESTIE_LISTEN=127.0.0.1:$2 HALOBESTIE_INSTANCE_ID=$1 \
    setsid "$backend" >"$work/$1.log" 2>&1 </dev/null &
  echo $!
}
wait_healthy() { # PORT PID NAME
  for _ in $(seq 1 200); do
    curl -fsS "http://127.0.0.1:$1/health" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || { cat "$work/$3.log" >&2; hb_die "backend $3 exited during start-up"; }
    sleep 0.1
  done
  cat "$work/$3.log" >&2
  hb_die "backend $3 did not become healthy"
}
port_a=$(hb_free_port)
pid_a=$(start_backend bench-a "$port_a")
port_b=$(hb_free_port)
pid_b=$(start_backend bench-b "$port_b")
wait_healthy "$port_a" "$pid_a" bench-a
wait_healthy "$port_b" "$pid_b" bench-b

mkdir -p "$out_dir"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD 2>/dev/null || commit="$commit + uncommitted changes"
echo "# scripts/bench.sh $stamp, commit $commit: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# backends: bench-a ws://127.0.0.1:$port_a (customers), bench-b ws://127.0.0.1:$port_b (mitras)"
echo

pg_pid=$(head -n 1 "$HB_PG_DIR/data/postmaster.pid")
# The bench reads each server's CPU and memory from /proc (all on this machine).
server_pids=(--backend-pid "$pid_a" --backend-pid "$pid_b" --valkey-pid "$HB_VALKEY_PID"
  --postgres-pid "$pg_pid")

status=0
for strategy in $strategies; do
  [[ $interrupted == 0 ]] || exit 130
  "$backend" settings set pairing_strategy "$strategy" >/dev/null
  timeout --foreground --signal=INT --kill-after=30 "$run_limit_s" \
    "$bench" --url "ws://127.0.0.1:$port_a/v1/ws" --url "ws://127.0.0.1:$port_b/v1/ws" \
    --valkey-url "$HALOBESTIE_VALKEY_URL" --label "$strategy" "${server_pids[@]}" \
    --json "$out_dir/bench-$stamp-$strategy.jsonl" --max-seconds $((run_limit_s - 30)) \
    "$@" || status=$?
  echo
  # Exit code 3: the bench was interrupted (bash itself may not run the INT trap when its
  # foreground child handled the signal) or ran out of time: stop here either way.
  [[ $interrupted == 0 && $status != 3 ]] || exit 130
done

if [[ -n $idle_levels ]]; then
  # A fresh instance of its own, so its memory figures start from an empty heap. One process
  # holds at most `ulimit -n` descriptors: the bench stays below the instance's limit and says
  # so if that caps a level.
  port_idle=$(hb_free_port)
  pid_idle=$(start_backend bench-idle "$port_idle")
  wait_healthy "$port_idle" "$pid_idle" bench-idle
  echo "# idle run: instance bench-idle ws://127.0.0.1:$port_idle/v1/ws, open-file limit $(ulimit -n)"
  read -r -a idle_args <<<"${HB_BENCH_IDLE_ARGS:-}"
  timeout --foreground --signal=INT --kill-after=90 "$run_limit_s" \
    "$bench" --url "ws://127.0.0.1:$port_idle/v1/ws" --backend-pid "$pid_idle" \
    --valkey-pid "$HB_VALKEY_PID" --idle "$idle_levels" \
    --json "$out_dir/bench-$stamp-idle.jsonl" --max-seconds $((run_limit_s - 90)) \
    "${idle_args[@]}" || status=$?
  echo
fi
echo "# JSON lines: $out_dir/bench-$stamp-*.jsonl"
exit "$status"
