#!/usr/bin/env bash
# README command 1: the whole system on loopback, with throwaway data, in one command.
# Installs dependencies, builds, then starts a Valkey-compatible server (redis-server 7) and
# PostgreSQL on free ports, TWO backend instances sharing them, a staff account, the simulator
# (mitras and customers spread over both instances), and the control center signed in as that
# staff member, or, with no display, a live text summary of the stats in this terminal.
# Ctrl-C (or SIGTERM) stops everything and removes the data.
#
# Environment:
#   HALOBESTIE_*      settings passed to both backends (e.g. HALOBESTIE_HEARTBEAT_TIMEOUT_S=15)
#   HB_PORT           first backend's port (default 8080 if free; the second takes the next)
#   HB_SKIP_BUILD=1   reuse an existing build (build/dev)
#   HB_NO_GUI=1       the text summary even when a display is available
#   HB_SIM_ARGS       replaces the simulator's scenario options (see halobestie-sim --help)
#   HB_NO_SIM=1       no simulator: an idle stack to try the protocol by hand
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/servers.sh

has_display() { [[ ${HB_NO_GUI:-0} != 1 && -n ${DISPLAY:-}${WAYLAND_DISPLAY:-} ]]; }

build=build/dev
targets=(halobestie-backend halobestie-wscat halobestie-sim halobestie-stats)
has_display && targets+=(halobestie-controlcenter)
if [[ ${HB_SKIP_BUILD:-0} != 1 ]]; then
  bash scripts/install-deps.sh
  cmake --preset dev >/dev/null
  cmake --build --preset dev --target "${targets[@]}"
fi
backend=$build/backend/halobestie-backend
wscat=$build/tools/halobestie-wscat
sim=$build/tools/sim/halobestie-sim
stats=$build/tools/stats/halobestie-stats
controlcenter=$build/controlcenter/halobestie-controlcenter
for program in "$backend" "$sim" "$stats"; do
  [[ -x $program ]] || hb_die "$program is missing: build first (or unset HB_SKIP_BUILD)"
done

# mktemp makes it 0700 and the umask keeps what is made inside private: logs, secrets and data
# are the invoking user's alone (hb_start_postgres lets the `postgres` user through as root).
work=$(mktemp -d /tmp/halobestie-stack.XXXXXX)
umask 077
pid_a= pid_b= pid_sim= pid_view=
cleanup() {
  trap - EXIT INT TERM
  trap '' INT TERM # a second Ctrl-C must not cut the clean-up short
  echo
  echo "stopping..."
  hb_stop_pid "$pid_view" TERM
  # The simulator first, while the backends still run: it cancels its requests, ends its
  # sessions and takes its mitras offline, so the durable log ends tidy.
  hb_stop_pid "$pid_sim" INT 150
  if [[ -s $work/sim.log ]]; then
    echo "simulator, final report:"
    sed -n '/^final /,$p' "$work/sim.log" | sed 's/^/  /'
  fi
  hb_stop_pids TERM "$pid_a" "$pid_b"
  hb_stop_postgres
  hb_stop_pid "${HB_VALKEY_PID:-}" TERM
  rm -rf "$work"
  local left=()
  for pid in "$pid_view" "$pid_sim" "$pid_a" "$pid_b" "${HB_VALKEY_PID:-}"; do
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && left+=("$pid")
  done
  if ((${#left[@]})); then
    echo "warning: still running: ${left[*]}" >&2
  else
    echo "stopped; nothing left running, data removed."
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

valkey_port=$(hb_free_port)
pg_port=$(hb_free_port)
port_a=$(hb_free_port "${HB_PORT:-8080}")
port_b=$(hb_free_port $((port_a + 1)))
echo "starting Valkey-compatible server and PostgreSQL (throwaway data in $work)..."
# Passwords and secrets live in the environment and in 0600 files, never on a command line.
valkey_password=$(hb_new_password)
hb_start_valkey "$work/valkey" "$valkey_port" "$valkey_password"
hb_start_postgres "$work/pg" "$pg_port" "$(hb_new_password)"

export HALOBESTIE_VALKEY_URL=redis://:$valkey_password@127.0.0.1:$valkey_port/0
export PGPASSFILE=$work/pg/pgpass
export HALOBESTIE_DATABASE_URL=postgresql://postgres@127.0.0.1:$pg_port/halobestie
# Two keys: the apps' tokens and staff tokens (the apps' key cannot mint staff). Kept in files
# too, for the commands printed below.
export HALOBESTIE_JWT_SECRET=${HALOBESTIE_JWT_SECRET:-$(head -c 32 /dev/urandom | base64)}
export HALOBESTIE_STAFF_JWT_SECRET=${HALOBESTIE_STAFF_JWT_SECRET:-$(head -c 32 /dev/urandom | base64)}
printf '%s\n' "$HALOBESTIE_JWT_SECRET" >"$work/jwt.secret"
# Hold each new session in awaiting_payment a moment, so the control center shows that state.
export HALOBESTIE_PAYMENT_DELAY_MS=${HALOBESTIE_PAYMENT_DELAY_MS:-800}

# Each child gets its own session (setsid), so a Ctrl-C reaches only this script, which then
# stops them in order instead of all at once.
start_backend() { # NAME PORT -> pid
  HALOBESTIE_LISTEN=127.0.0.1:$2 HALOBESTIE_INSTANCE_ID=$1 \
    setsid "$backend" >"$work/$1.log" 2>&1 </dev/null &
  echo $!
}
wait_healthy() { # PORT PID NAME
  for _ in $(seq 1 300); do
    curl -fsS "http://127.0.0.1:$1/health" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || { cat "$work/$3.log" >&2; hb_die "backend $3 exited during start-up"; }
    sleep 0.1
  done
  cat "$work/$3.log" >&2
  hb_die "backend $3 did not become healthy"
}
echo "starting two backend instances..."
pid_a=$(start_backend demo-a "$port_a")
pid_b=$(start_backend demo-b "$port_b")
wait_healthy "$port_a" "$pid_a" demo-a
wait_healthy "$port_b" "$pid_b" demo-b
url_a=ws://127.0.0.1:$port_a/v1/ws
url_b=ws://127.0.0.1:$port_b/v1/ws

# A staff account, made the way operators make them (password on standard input), and a token
# for it, earned the way the control center earns one (a `login` over the protocol).
staff_user=demo
staff_password=$(head -c 12 /dev/urandom | base64 | tr -d '/+=')
printf '%s\n' "$staff_password" |
  "$backend" staff add "$staff_user" --name "Demo Supervisor" --role supervisor >/dev/null
staff_token=$(printf '%s\n' "$staff_password" |
  "$stats" --server "$url_a" --username "$staff_user" --print-token)

if [[ ${HB_NO_SIM:-0} != 1 ]]; then
  # A lively default: two dozen mitras answering within a couple of seconds (some decline,
  # some phones drop off and come back), sixty customers asking about twice a second,
  # sessions of about twenty seconds. Everyone is spread over both instances.
  read -r -a sim_args <<<"${HB_SIM_ARGS:---mitras 24 --customers 60 --request-rate 2 \
    --accept-delay-ms 1500 --decline-probability 0.15 --session-seconds 20 --drop-rate 0.02 \
    --report-every 10}"
  # The simulator takes the apps' secret from HALOBESTIE_JWT_SECRET (exported above).
  setsid "$sim" --url "$url_a" --url "$url_b" --duration 0 \
    "${sim_args[@]}" >"$work/sim.log" 2>&1 </dev/null &
  pid_sim=$!
fi

cat <<INFO

HaloBestie is up: two backend instances, simulated apps, staff view (Ctrl-C stops it all).
  instances        demo-a $url_a   demo-b $url_b
  health           curl http://127.0.0.1:$port_a/health
  staff sign-in    user '$staff_user', password '$staff_password' (supervisor)
  staff token      in HALOBESTIE_TOKEN of the staff view (never on a command line)
  Valkey           REDISCLI_AUTH=\$(sed -n 's/^requirepass //p' $work/valkey/valkey.conf) redis-cli -p $valkey_port
  PostgreSQL       PGPASSFILE=$PGPASSFILE psql $HALOBESTIE_DATABASE_URL
  logs             $work/{demo-a,demo-b,sim}.log (removed on exit)

Try it by hand, in another terminal:
  export HALOBESTIE_JWT_SECRET_FILE=$work/jwt.secret
  TOKEN=\$($PWD/$backend token --role mitra --sub m-1 --name Sari)
  $PWD/$wscat $url_a --send "{\\"type\\":\\"hello\\",\\"token\\":\\"\$TOKEN\\"}" \\
    --send '{"type":"presence.set","status":"online"}'
  then type {"type":"heartbeat"} lines; stop, and after ${HALOBESTIE_HEARTBEAT_TIMEOUT_S:-30} s the server says you went offline.
  Intervals:  PGPASSFILE=$PGPASSFILE psql $HALOBESTIE_DATABASE_URL -c 'table presence_intervals'

INFO

start_text_view() {
  echo "live stats (every 2 s; the same numbers on both instances):"
  HALOBESTIE_TOKEN=$staff_token setsid "$stats" --server "$url_a" --every 2 </dev/null &
  pid_view=$!
}
if has_display && [[ -x $controlcenter ]]; then
  echo "opening the control center (signed in as '$staff_user')..."
  HALOBESTIE_SERVER=$url_a HALOBESTIE_TOKEN=$staff_token \
    setsid "$controlcenter" --server "$url_a" \
    >"$work/controlcenter.log" 2>&1 </dev/null &
  pid_view=$!
  viewer=controlcenter
else
  has_display && echo "(no control center build: showing the text view)"
  start_text_view
  viewer=stats
fi

# Runs until Ctrl-C; a child that dies on its own is reported (a failed backend stops it all).
while true; do
  sleep 1 &
  wait $! || true
  for name in a b; do
    pid_var=pid_$name
    if ! kill -0 "${!pid_var}" 2>/dev/null; then
      echo "backend demo-$name exited; its log:" >&2
      tail -n 20 "$work/demo-$name.log" >&2
      exit 1
    fi
  done
  if [[ -n $pid_view ]] && ! kill -0 "$pid_view" 2>/dev/null; then
    wait "$pid_view" 2>/dev/null || true
    if [[ $viewer == controlcenter ]]; then
      echo "the control center was closed; the stack keeps running (Ctrl-C stops it)."
      start_text_view
      viewer=stats
    else
      echo "the stats view stopped; the stack keeps running (Ctrl-C stops it)." >&2
      pid_view=
    fi
  fi
done
