# Shell helpers that start throwaway servers on loopback for the demo stack (sourced, not run).
# Tests do the same from C++ (tests/support); this is the operator-facing twin for the README's
# first command.

hb_die() { echo "error: $*" >&2; exit 1; }

# A TCP port on 127.0.0.1 that nothing listens on now (tries the preferred one first).
hb_free_port() {
  local preferred=${1:-}
  local candidates=()
  [[ -n $preferred ]] && candidates+=("$preferred")
  for _ in $(seq 1 50); do candidates+=($((20000 + RANDOM % 40000))); done
  for p in "${candidates[@]}"; do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  hb_die "no free port found"
}

# Runs a command as the postgres system user when we are root (PostgreSQL refuses root).
hb_as_pg_user() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

hb_pg_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [[ -x $dir/postgres ]] || hb_die "PostgreSQL server binaries not found (run scripts/install-deps.sh)"
  echo "$dir"
}

# A random password of letters and digits (safe in URLs and config files).
hb_new_password() { head -c 24 /dev/urandom | base64 | tr -d '/+=' | head -c 24; }

# hb_start_valkey DIR PORT PASSWORD -> sets HB_VALKEY_PID. The password goes in a config file
# (mode 0600), never on the command line where `ps` shows it; redis-cli gets it from
# REDISCLI_AUTH.
hb_start_valkey() {
  local dir=$1 port=$2 password=$3
  (umask 077 && mkdir -p "$dir" && printf 'requirepass %s\n' "$password" >"$dir/valkey.conf")
  # Its own session (setsid): a Ctrl-C in the terminal reaches only the calling script, which
  # stops the servers last, after the programs that still need them.
  # AOF, fsync'd every second: the durable event log's backlog (the outbox stream) lives in
  # Valkey until shipped to PostgreSQL, so a Valkey restart must not lose it.
  setsid redis-server "$dir/valkey.conf" --port "$port" --bind 127.0.0.1 --dir "$dir" --save '' \
    --appendonly yes --appendfsync everysec \
    --daemonize no --logfile "$dir/valkey.log" </dev/null &
  HB_VALKEY_PID=$!
  for _ in $(seq 1 100); do
    REDISCLI_AUTH=$password redis-cli -p "$port" ping 2>/dev/null | grep -q PONG && return 0
    kill -0 "$HB_VALKEY_PID" 2>/dev/null || break
    sleep 0.1
  done
  cat "$dir/valkey.log" >&2
  hb_die "Valkey-compatible server did not start on 127.0.0.1:$port"
}

# hb_start_postgres DIR PORT PASSWORD -> sets HB_PG_DIR; database `halobestie`, user `postgres`
# with PASSWORD (scram-sha-256 for every connection, local ones too: no `trust`). Clients find
# the password in DIR/pgpass (mode 0600): export PGPASSFILE=DIR/pgpass.
hb_start_postgres() {
  local dir=$1 port=$2 password=$3 bindir
  bindir=$(hb_pg_bindir)
  (umask 077 && mkdir -p "$dir/data" "$dir/socket")
  # Nothing world-readable: the work directory above is 0700 too. As root, the server runs as
  # `postgres`, which must pass through it: it owns it then (root reads everything anyway).
  chmod 700 "$dir" "$(dirname "$dir")"
  if [[ $(id -u) -eq 0 ]]; then chown postgres:postgres "$(dirname "$dir")"; fi
  (umask 077 && printf '%s\n' "$password" >"$dir/initdb.pw" &&
    printf '127.0.0.1:%s:*:postgres:%s\n' "$port" "$password" >"$dir/pgpass")
  # As root, the server runs as `postgres`: it owns its directory (0700), and root still reads it.
  if [[ $(id -u) -eq 0 ]]; then chown -R postgres:postgres "$dir"; chown root:root "$dir/pgpass"; fi
  hb_as_pg_user "$bindir/initdb" -D "$dir/data" -U postgres --auth=scram-sha-256 \
    --pwfile="$dir/initdb.pw" -E UTF8 --no-sync \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; hb_die "initdb failed"; }
  rm -f "$dir/initdb.pw"
  # pg_ctl starts the postmaster detached and records it in postmaster.pid, which is what
  # hb_stop_postgres signals: no wrapper process (runuser) stands in between.
  HB_PG_DIR=$dir
  hb_as_pg_user "$bindir/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 30 \
    -o "-p $port -k $dir/socket -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off" \
    start >/dev/null || { cat "$dir/postgres.log" >&2; hb_die "PostgreSQL did not start"; }
  "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" || { cat "$dir/postgres.log" >&2; hb_die "PostgreSQL did not start"; }
  PGPASSFILE=$dir/pgpass "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres halobestie ||
    hb_die "createdb failed"
}

# Fast shutdown of the PostgreSQL started by hb_start_postgres (no-op if none).
hb_stop_postgres() {
  [[ -n ${HB_PG_DIR:-} && -f $HB_PG_DIR/data/postmaster.pid ]] || return 0
  hb_as_pg_user "$(hb_pg_bindir)/pg_ctl" -D "$HB_PG_DIR/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
    kill -KILL "$(head -n 1 "$HB_PG_DIR/data/postmaster.pid")" 2>/dev/null || true
}

# hb_stop_pid PID [SIGNAL [TENTHS]]: signals a process started above once (a second signal
# makes the backend exit at once, skipping its clean shutdown) and waits for it to end, up to
# TENTHS tenths of a second (default 100), then kills it.
hb_stop_pid() {
  local pid=$1 signal=${2:-TERM} tenths=${3:-100}
  [[ -n $pid ]] || return 0
  kill -"$signal" "$pid" 2>/dev/null || return 0
  hb_wait_pid "$pid" "$tenths"
}

# hb_wait_pid PID [TENTHS]: waits for a signalled process to end, then kills it.
hb_wait_pid() {
  local pid=$1 tenths=${2:-100}
  for _ in $(seq 1 "$tenths"); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  echo "process $pid did not stop within $((tenths / 10)) s: killing it" >&2
  kill -KILL "$pid" 2>/dev/null || true
}

# hb_stop_pids SIGNAL PID...: the same for several processes at once (they wind down together).
hb_stop_pids() {
  local signal=$1 pid
  shift
  for pid in "$@"; do [[ -n $pid ]] && kill -"$signal" "$pid" 2>/dev/null; done
  for pid in "$@"; do [[ -n $pid ]] && hb_wait_pid "$pid"; done
  return 0
}
