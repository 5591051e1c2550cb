#!/usr/bin/env bash
# README command 1: sets up and runs the whole stack on loopback with throwaway data.
# Installs dependencies, builds, starts a Valkey-compatible server (redis-server 7) and
# PostgreSQL on free ports, then the backend, and prints what to connect to. Ctrl-C stops
# everything and removes the data.
#
# Environment: HALOBESTIE_* settings are passed to the backend (e.g.
# HALOBESTIE_HEARTBEAT_TIMEOUT_S=15); HB_PORT picks the backend port (default 8080 if free);
# HB_SKIP_BUILD=1 reuses an existing build.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/servers.sh

if [[ ${HB_SKIP_BUILD:-0} != 1 ]]; then
  bash scripts/install-deps.sh
  cmake --preset dev >/dev/null
  cmake --build --preset dev --target halobestie-backend halobestie-wscat
fi
backend=build/dev/backend/halobestie-backend
wscat=build/dev/backend/halobestie-wscat
[[ -x $backend ]] || hb_die "$backend is missing: build first (or unset HB_SKIP_BUILD)"

work=$(mktemp -d /tmp/halobestie-stack.XXXXXX)
backend_pid=
cleanup() {
  trap - EXIT INT TERM
  echo
  echo "stopping..."
  hb_stop_pid "$backend_pid" TERM
  hb_stop_postgres
  hb_stop_pid "${HB_VALKEY_PID:-}" TERM
  rm -rf "$work"
  echo "stopped; nothing left running, data removed."
}
trap cleanup EXIT INT TERM

valkey_port=$(hb_free_port)
pg_port=$(hb_free_port)
ws_port=$(hb_free_port "${HB_PORT:-8080}")
hb_start_valkey "$work/valkey" "$valkey_port"
hb_start_postgres "$work/pg" "$pg_port"

export HALOBESTIE_LISTEN=127.0.0.1:$ws_port
export HALOBESTIE_VALKEY_URL=redis://127.0.0.1:$valkey_port/0
export HALOBESTIE_DATABASE_URL=postgresql://postgres@127.0.0.1:$pg_port/halobestie
export HALOBESTIE_JWT_SECRET=${HALOBESTIE_JWT_SECRET:-$(head -c 32 /dev/urandom | base64)}
"$backend" &
backend_pid=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$ws_port/health" >/dev/null 2>&1 && break
  kill -0 "$backend_pid" 2>/dev/null || hb_die "the backend exited during start-up"
  sleep 0.1
done

cat <<INFO

HaloBestie stack is up (Ctrl-C stops it all):
  WebSocket endpoint  ws://127.0.0.1:$ws_port/v1/ws
  health              curl http://127.0.0.1:$ws_port/health
  Valkey              redis-cli -p $valkey_port
  PostgreSQL          psql $HALOBESTIE_DATABASE_URL

Try it as a mitra, in another terminal:
  export HALOBESTIE_JWT_SECRET='$HALOBESTIE_JWT_SECRET'
  TOKEN=\$($PWD/$backend token --role mitra --sub m-1 --name Sari)
  $PWD/$wscat ws://127.0.0.1:$ws_port/v1/ws
  then type, one per line:
    {"type":"hello","token":"<paste \$TOKEN>"}
    {"type":"presence.set","status":"online"}
    {"type":"heartbeat"}
  stop sending heartbeats: after ${HALOBESTIE_HEARTBEAT_TIMEOUT_S:-30} s the server says you went offline.
  Intervals:  psql $HALOBESTIE_DATABASE_URL -c 'table presence_intervals'

INFO
wait "$backend_pid"
