#!/usr/bin/env bash
# A throwaway PostgreSQL server for the PostgreSQL job store tests, from Debian's package.
#
#   eval "$(.ci/postgres.sh start)"   # installs PostgreSQL if missing, starts a server on a free
#                                     # loopback port, prints the two exports below
#   dotnet test tests/StockpileOptimizer.Server.Tests --filter "FullyQualifiedName~Postgres"
#   .ci/postgres.sh stop              # stops it and deletes its directory ($STOCKPILE_TEST_POSTGRES_DIR)
#
#   .ci/postgres.sh run CMD [ARGS…]   # start, run CMD with the variables set, stop; CMD's exit code
#
# start prints, on stdout and nothing else:
#   export STOCKPILE_TEST_POSTGRES='Host=127.0.0.1;Port=…;Username=stockpile;Password=…;Database=stockpile_test'
#   export STOCKPILE_TEST_POSTGRES_DIR='/tmp/stockpile-pg.…'
# Progress and errors go to stderr. When the server cannot be started, start exits non-zero,
# prints nothing on stdout and leaves nothing behind: the tests then skip, saying why.
#
# The cluster lives in a temp directory owned by the "postgres" user (initdb and the server refuse
# to run as root), listens on 127.0.0.1 only, keeps its unix socket in that directory, and runs
# with fsync off (its data is thrown away). The test role owns the test database, so the tests may
# create and drop schemas in it; it has a random password and must use it (scram-sha-256 over TCP).
set -uo pipefail

say() { echo "postgres.sh: $*" >&2; }

# The directory holding initdb, pg_ctl, postgres and psql: Debian's newest, else from PATH.
pg_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV) \
             "$(dirname "$(readlink -f "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/pg_ctl)")")"; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ] && [ -x "$dir/psql" ]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

ensure_installed() {
  BIN=$(pg_bin) && return 0
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    say "PostgreSQL is not installed and cannot be installed here (needs root and apt-get)"
    return 1
  fi
  say "installing PostgreSQL from Debian's package…"
  # The package may try to start its own cluster on 5432; that one is not used.
  if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql; } >&2; then
    say "apt-get install postgresql failed"
    return 1
  fi
  BIN=$(pg_bin) || { say "PostgreSQL was installed but pg_ctl/initdb were not found"; return 1; }
}

# Runs a command as the cluster's owner: "postgres" when we are root, else ourselves.
as_owner() {
  if [ "$(id -u)" -ne 0 ]; then
    "$@"
  elif command -v runuser >/dev/null 2>&1; then
    runuser -u postgres -- "$@"
  else
    su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
  fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
  ensure_installed || return 1
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/postgresql --shell /bin/sh postgres >&2 \
      || { say "cannot create the postgres user"; return 1; }
  fi

  local dir password port started=0 attempt
  dir=$(mktemp -d "${TMPDIR:-/tmp}/stockpile-pg.XXXXXX") || { say "cannot create a temp directory"; return 1; }
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  chmod 700 "$dir"
  # Anything that fails from here removes the directory (and stops a server that started).
  fail() { say "$*"; [ -f "$dir/log" ] && tail -n 20 "$dir/log" >&2; stop_dir "$dir"; return 1; }

  password=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)
  as_owner "$BIN/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || as_owner "$BIN/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      --encoding=UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; fail "initdb failed"; return 1; }

  for attempt in 1 2 3 4 5 6 7 8; do
    port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    port_in_use "$port" && continue
    if as_owner "$BIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >&2; then
      started=1
      break
    fi
    say "the server did not start on port $port (attempt $attempt)"
  done
  [ "$started" -eq 1 ] || { fail "the server did not start"; return 1; }

  as_owner "$BIN/psql" -X -q -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE stockpile LOGIN PASSWORD '$password'" \
    -c "CREATE DATABASE stockpile_test OWNER stockpile" >&2 \
    || { fail "cannot create the test role and database"; return 1; }

  say "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $dir"
  echo "export STOCKPILE_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=stockpile;Password=$password;Database=stockpile_test'"
  echo "export STOCKPILE_TEST_POSTGRES_DIR='$dir'"
}

stop_dir() {
  local dir=$1
  case "$dir" in
    */stockpile-pg.*) ;;
    *) say "not a directory this script made: '$dir'"; return 1 ;;
  esac
  [ -d "$dir" ] || return 0
  BIN=${BIN:-$(pg_bin)}
  if [ -f "$dir/data/postmaster.pid" ] && [ -n "$BIN" ]; then
    as_owner "$BIN/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >&2 \
      || as_owner "$BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >&2
  fi
  rm -rf "$dir"
}

stop() {
  local dir=${1:-${STOCKPILE_TEST_POSTGRES_DIR:-}}
  [ -n "$dir" ] || { say "stop: no directory given and STOCKPILE_TEST_POSTGRES_DIR is not set"; return 1; }
  stop_dir "$dir"
}

run() {
  local exports status
  exports=$(start) || return 1
  eval "$exports"
  "$@"
  status=$?
  stop "$STOCKPILE_TEST_POSTGRES_DIR"
  return $status
}

case "${1:-}" in
  start) start ;;
  stop) shift; stop "$@" ;;
  run) shift; [ $# -gt 0 ] || { say "run: give a command"; exit 2; }; run "$@" ;;
  *) say "usage: eval \"\$($0 start)\" | $0 stop [DIR] | $0 run CMD [ARGS…]"; exit 2 ;;
esac
