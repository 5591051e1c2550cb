#!/usr/bin/env bash
# Screenshots of the control center, so anyone can see it without building: starts a throwaway
# demo stack on loopback (Valkey-compatible server, PostgreSQL, two backend instances, the
# simulator with mitras and customers), signs the real app in under Xvfb and lets it save each
# main view (`--screenshot`, QWidget::grab) in English into docs/screenshots/ and in Indonesian
# into docs/screenshots/id/. Everything is stopped and removed afterwards.
#
#   scripts/screenshots.sh [OUTPUT_DIR]
#
# Environment: HB_BUILD_DIR (default build/dev), HB_SKIP_BUILD=1 to reuse a build,
# HB_WARMUP_S seconds of simulated traffic before the shots (default 45).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/servers.sh

out=${1:-docs/screenshots}
build=${HB_BUILD_DIR:-build/dev}
warmup=${HB_WARMUP_S:-45}

if [[ ${HB_SKIP_BUILD:-0} != 1 ]]; then
  bash scripts/install-deps.sh
  [[ $build == build/dev ]] && cmake --preset dev >/dev/null
  cmake --build "$build" --target halobestie-backend halobestie-wscat halobestie-sim \
    halobestie-controlcenter
fi
backend=$build/backend/halobestie-backend
wscat=$build/tools/halobestie-wscat
sim=$build/tools/sim/halobestie-sim
app=$build/controlcenter/app/halobestie-controlcenter
for tool in "$backend" "$wscat" "$sim" "$app"; do
  [[ -x $tool ]] || hb_die "$tool is missing: build first (or unset HB_SKIP_BUILD)"
done
command -v xvfb-run >/dev/null || hb_die "xvfb-run is missing: run scripts/install-deps.sh"

work=$(mktemp -d /tmp/halobestie-shots.XXXXXX)
pids=()
cleanup() {
  trap - EXIT INT TERM
  local pid
  for pid in "${pids[@]}"; do hb_stop_pid "$pid" TERM; done
  hb_stop_postgres
  hb_stop_pid "${HB_VALKEY_PID:-}" TERM
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

echo "screenshots: starting the demo stack in $work"
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
# Payment takes a while, so some sessions are seen waiting for it.
export HALOBESTIE_PAYMENT_DELAY_MS=${HALOBESTIE_PAYMENT_DELAY_MS:-60000}

urls=()
for instance in node-a node-b; do
  port=$(hb_free_port)
  HALOBESTIE_LISTEN=127.0.0.1:$port HALOBESTIE_INSTANCE_ID=$instance \
    "$backend" >"$work/$instance.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 150); do
    curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    kill -0 "${pids[-1]}" 2>/dev/null || { cat "$work/$instance.log" >&2; hb_die "$instance exited"; }
    sleep 0.1
  done
  urls+=("ws://127.0.0.1:$port/v1/ws")
done

# A supervisor account; the password goes in on standard input, never as an argument.
password=$(head -c 18 /dev/urandom | base64)
printf '%s\n' "$password" |
  "$backend" staff add ayu --name "Ayu Lestari" --role supervisor >/dev/null

echo "screenshots: simulating mitras and customers for ${warmup}s"
"$sim" --url "${urls[0]}" --url "${urls[1]}" --mitras 28 --customers 96 --duration 0 \
  --request-rate 1 --session-seconds 300 --accept-delay-ms 3000 --decline-probability 0.15 \
  --drop-rate 0.01 --report-every 10 --name bestie --seed 7 >"$work/sim.log" 2>&1 &
pids+=($!)

# One staff connection (through the real login) for the token, and to make the demo look like
# a working day: a mitra with its own, lowered capacity (over capacity) and a global default
# above the server's built-in 3 (so the audit log shows a change, and mitras have free places).
staff() {
  # Sends the messages after a login and prints what came back.
  local lines=(--send "{\"type\":\"login\",\"id\":\"l\",\"username\":\"ayu\",\"password\":\"$password\"}")
  local message
  for message in "$@"; do lines+=(--send "$message"); done
  # wscat closes when its input ends: keep it open long enough for the answers (the password
  # check alone takes a moment, longer on a busy machine).
  sleep 4 | timeout 8 "$wscat" "${urls[0]}" "${lines[@]}" 2>/dev/null || true
}
sleep "$((warmup / 2))"
staff '{"type":"capacity.set","id":"g","scope":"global","max_customers":4}' >/dev/null
# A mitra with at least two customers (JSON keys come in any order: look at each object).
busiest=$(staff '{"type":"stats.subscribe","id":"s"}' | grep -o '{[^{}]*}' |
  grep '"active_sessions":[2-9]' | grep -o '"id":"bestie-m-[0-9]*"' | head -n 1 | cut -d'"' -f4 ||
  true)
if [[ -n $busiest ]]; then
  staff "{\"type\":\"capacity.set\",\"id\":\"c\",\"scope\":\"mitra\",\"mitra_id\":\"$busiest\",\"max_customers\":1}" >/dev/null
fi
sleep "$((warmup - warmup / 2))"
token=
for _ in 1 2 3; do
  token=$(staff | grep -o '"token":"[^"]*"' | head -n 1 | cut -d'"' -f4 || true)
  [[ -n $token ]] && break
done
[[ -n $token ]] || { tail -n 20 "$work/node-a.log" >&2; hb_die "could not sign in as the demo supervisor"; }

shoot() {
  local language=$1 dir=$2
  mkdir -p "$dir"
  echo "screenshots: taking the $language views into $dir"
  # A fresh settings folder: no remembered layout or language from a previous run.
  HOME=$work/home-$language XDG_CONFIG_HOME=$work/home-$language/.config \
    HALOBESTIE_TOKEN=$token \
    xvfb-run -a -s "-screen 0 1366x768x24 -dpi 96" \
    "$app" --server "${urls[1]}" --language "$language" --screenshot "$dir"
}
shoot en "$out"
shoot id "$out/id"
echo "screenshots: done; simulator summary:"
tail -n 2 "$work/sim.log"
