#!/usr/bin/env bash
# Smoke test of the Python example against a real server: start the server on a free
# loopback port with a fresh data directory, wait for SERVING, run solve_default.py, check
# that it printed an optimal plan, stop the server (SIGTERM: graceful). Exit non-zero on
# any failure; the last line is "smoke: N passed, N failed".
#   bash clients/python/smoke.sh            (builds the server first if it is not built)
set -uo pipefail
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3

fail() { echo "smoke: $*" >&2; echo "smoke: 0 passed, 1 failed"; exit 1; }

if ! "$PY" -c "import grpc, grpc_tools, google.protobuf" 2>/dev/null; then
  apt-get update && apt-get install -y python3-grpcio python3-grpc-tools python3-protobuf || fail "cannot install Debian's python3-grpcio"
fi

bin=src/StockpileOptimizer.Server/bin/Debug/net10.0/linux-x64
if [ ! -f "$bin/StockpileOptimizer.Server.dll" ]; then
  dotnet build src/StockpileOptimizer.Server >/dev/null || fail "server build failed"
fi

port=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
work=$(mktemp -d)
# Run from the output directory so that its appsettings.json is the content root's.
(cd "$bin" && exec dotnet StockpileOptimizer.Server.dll --Server:Host=127.0.0.1 --Server:Port="$port" \
  --Jobs:DataDirectory="$work/data") >"$work/server.log" 2>&1 &
server=$!
stop() {
  kill -TERM "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}
trap stop EXIT

"$PY" clients/python/wait_healthy.py "127.0.0.1:$port" 60 || { cat "$work/server.log" >&2; fail "server not healthy"; }
"$PY" clients/python/solve_default.py "127.0.0.1:$port" --timeout 300 | tee "$work/plan.txt"
status=${PIPESTATUS[0]}
[ "$status" -eq 0 ] || { cat "$work/server.log" >&2; fail "solve_default.py exited $status"; }
grep -q "^Termination: TERMINATION_OPTIMAL" "$work/plan.txt" || fail "no optimal termination in the output"
grep -qE "^  US +ndfeb-magnet +[0-9,.]+ " "$work/plan.txt" || fail "no stockpile table in the output"
grep -q "^Budget use" "$work/plan.txt" || fail "no budget table in the output"
echo "smoke: 1 passed, 0 failed"
