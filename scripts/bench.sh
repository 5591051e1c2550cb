#!/usr/bin/env bash
# Benchmarks pairing on a throwaway stack: a Valkey-compatible server, PostgreSQL and TWO
# backend instances on loopback (customers on one, mitras on the other, so every pairing
# crosses instances), then halobestie-bench with broadcast and with round robin, 10 and 100
# online mitras each. Prints the markdown tables; JSON lines land in $HB_BENCH_OUT. Everything
# it starts is stopped on exit, Ctrl-C included. See docs/benchmarks.md.
#
# Environment: HB_SKIP_BUILD=1 reuses an existing build; HB_BUILD_DIR (default build/bench, a
# Release build of its own) or HB_BACKEND / HB_BENCH naming the two programs directly;
# HB_BENCH_OUT (default build/bench-results); HB_BENCH_STRATEGIES (default
# "broadcast round_robin"); HB_BENCH_RUN_LIMIT_S (per bench run, default 900).
# Extra arguments go to every halobestie-bench run, e.g.
#   bash scripts/bench.sh --requests 50 --duration 5 --mitras 10
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/servers.sh

build_dir=${HB_BUILD_DIR:-build/bench}
out_dir=${HB_BENCH_OUT:-build/bench-results}
strategies=${HB_BENCH_STRATEGIES:-broadcast round_robin}
# Per bench run; the bench stops itself at --max-seconds, `timeout` is the backstop.
run_limit_s=${HB_BENCH_RUN_LIMIT_S:-900}

if [[ ${HB_SKIP_BUILD:-0} != 1 ]]; then
  bash scripts/install-deps.sh
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DHB_BUILD_TESTS=OFF \
    -DHB_BUILD_CONTROLCENTER=OFF >/dev/null
  cmake --build "$build_dir" --target halobestie-backend halobestie-bench
fi
backend=${HB_BACKEND:-$build_dir/backend/halobestie-backend}
bench=${HB_BENCH:-$build_dir/backend/tools/bench/halobestie-bench}
[[ -x $backend && -x $bench ]] || hb_die "$backend or $bench is missing: build first (or unset HB_SKIP_BUILD)"

work=$(mktemp -d /tmp/halobestie-bench.XXXXXX)
pid_a= pid_b=
cleanup() {
  trap - EXIT INT TERM
  hb_stop_pid "$pid_a" TERM
  hb_stop_pid "$pid_b" TERM
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
hb_start_valkey "$work/valkey" "$valkey_port"
hb_start_postgres "$work/pg" "$pg_port"

export HALOBESTIE_VALKEY_URL=redis://127.0.0.1:$valkey_port/0
export HALOBESTIE_DATABASE_URL=postgresql://postgres@127.0.0.1:$pg_port/halobestie
export HALOBESTIE_JWT_SECRET=$(head -c 32 /dev/urandom | base64)

start_backend() { # NAME PORT -> prints the pid
  HALOBESTIE_LISTEN=127.0.0.1:$2 HALOBESTIE_INSTANCE_ID=$1 \
    "$backend" >"$work/$1.log" 2>&1 &
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

# CPU seconds a process has used so far (user + system), to show who the 2 cores went to.
cpu_s() {
  local ticks
  ticks=$(awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0)
  awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t / hz }'
}
cpu_report() { # LABEL WALL_S  (differences against the cpu_* snapshots taken before the run)
  printf '# CPU used during the %s run (%s s wall): bench-a %.1f s, bench-b %.1f s, Valkey %.1f s\n' \
    "$1" "$2" "$(awk -v a="$(cpu_s "$pid_a")" -v b="$cpu_a" 'BEGIN{print a-b}')" \
    "$(awk -v a="$(cpu_s "$pid_b")" -v b="$cpu_b" 'BEGIN{print a-b}')" \
    "$(awk -v a="$(cpu_s "$HB_VALKEY_PID")" -v b="$cpu_v" 'BEGIN{print a-b}')"
}

status=0
for strategy in $strategies; do
  [[ $interrupted == 0 ]] || exit 130
  "$backend" settings set pairing_strategy "$strategy" >/dev/null
  cpu_a=$(cpu_s "$pid_a") cpu_b=$(cpu_s "$pid_b") cpu_v=$(cpu_s "$HB_VALKEY_PID")
  started=$SECONDS
  timeout --foreground --signal=INT --kill-after=30 "$run_limit_s" \
    "$bench" --url "ws://127.0.0.1:$port_a/v1/ws" --url "ws://127.0.0.1:$port_b/v1/ws" \
    --valkey-url "$HALOBESTIE_VALKEY_URL" --label "$strategy" \
    --json "$out_dir/bench-$stamp-$strategy.jsonl" --max-seconds $((run_limit_s - 30)) \
    "$@" || status=$?
  cpu_report "$strategy" $((SECONDS - started))
  echo
  # Exit code 3: the bench was interrupted (bash itself may not run the INT trap when its
  # foreground child handled the signal) or ran out of time: stop here either way.
  [[ $interrupted == 0 && $status != 3 ]] || exit 130
done
echo "# JSON lines: $out_dir/bench-$stamp-*.jsonl"
exit "$status"
