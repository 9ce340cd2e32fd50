#!/usr/bin/env bash
# Smoke test of the Python examples against a real server: start the server on loopback port 0
# (the system picks it; the server's "Now listening on:" line says which) with a fresh data
# directory, wait for SERVING, run solve_default.py (an optimal plan printed, with its Why
# section) and what_if_sweep.py with two budgets (a table of two optimal rows),
# stop the server (SIGTERM: graceful). Each script is one check. Exit non-zero on any
# failure; the last line is "smoke: N passed, N failed".
#   bash clients/python/smoke.sh            (builds the server first if it is not built)
set -uo pipefail
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3

scripts=2  # solve_default.py, what_if_sweep.py: each counts as failed when the set-up fails
fail() { echo "smoke: $*" >&2; echo "smoke: 0 passed, $scripts failed"; exit 1; }

if ! "$PY" -c "import grpc, grpc_tools, google.protobuf" 2>/dev/null; then
  apt-get update && apt-get install -y python3-grpcio python3-grpc-tools python3-protobuf || fail "cannot install Debian's python3-grpcio"
fi

bin=src/StockpileOptimizer.Server/bin/Debug/net10.0/linux-x64
if [ ! -f "$bin/StockpileOptimizer.Server.dll" ]; then
  dotnet build src/StockpileOptimizer.Server >/dev/null || fail "server build failed"
fi

work=$(mktemp -d)
# Run from the output directory so that its appsettings.json is the content root's.
(cd "$bin" && exec dotnet StockpileOptimizer.Server.dll --Server:Host=127.0.0.1 --Server:Port=0 \
  --Jobs:DataDirectory="$work/data" --Logging:LogLevel:Microsoft.Hosting.Lifetime=Information) >"$work/server.log" 2>&1 &
server=$!
stop() {
  kill -TERM "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}
trap stop EXIT

# Wait for the line that says where it listens (bounded: 60 s, or until the server exits).
port=""
for _ in $(seq 600); do
  port=$(sed -nE 's#.*Now listening on: http://127\.0\.0\.1:([0-9]+).*#\1#p' "$work/server.log" | head -1)
  [ -n "$port" ] && break
  kill -0 "$server" 2>/dev/null || break
  sleep 0.1
done
[ -n "$port" ] || { cat "$work/server.log" >&2; fail "the server did not say where it listens"; }
"$PY" clients/python/wait_healthy.py "127.0.0.1:$port" 60 || { cat "$work/server.log" >&2; fail "server not healthy"; }
passed=0; failed=0
check() {  # check NAME OK: count one script's outcome, saying why it failed
  if [ "$2" = ok ]; then passed=$((passed + 1)); echo "smoke: $1 passed"
  else failed=$((failed + 1)); echo "smoke: $1 FAILED: $2" >&2; fi
}

"$PY" clients/python/solve_default.py "127.0.0.1:$port" --timeout 300 | tee "$work/plan.txt"
status=${PIPESTATUS[0]}
if [ "$status" -ne 0 ]; then check solve_default.py "exited $status"
elif ! grep -q "^Termination: TERMINATION_OPTIMAL" "$work/plan.txt"; then check solve_default.py "no optimal termination in the output"
elif ! grep -qE "^  US +ndfeb-magnet +[0-9,.]+ " "$work/plan.txt"; then check solve_default.py "no stockpile table in the output"
elif ! grep -q "^Budget use" "$work/plan.txt"; then check solve_default.py "no budget table in the output"
elif ! grep -q "^Why: stockpiles" "$work/plan.txt"; then check solve_default.py "no Why section in the output"
else check solve_default.py ok; fi

"$PY" clients/python/what_if_sweep.py "127.0.0.1:$port" --path 'countries[0].budgetUsd' --values 8e8,2e9 --timeout 300 \
  | tee "$work/sweep.txt"
status=${PIPESTATUS[0]}
rows=$(grep -cE "^  (8e8|2e9) +OPTIMAL +[0-9,]+ +[0-9,.]+ +[0-9,.]+ +[0-9,.]+ +[0-9,.]+$" "$work/sweep.txt")
if [ "$status" -ne 0 ]; then check what_if_sweep.py "exited $status"
elif ! grep -qE "^  countries\[0\]\.budgetUsd +termination +objective \(USD\)" "$work/sweep.txt"; then check what_if_sweep.py "no table header"
elif [ "$rows" -ne 2 ]; then check what_if_sweep.py "$rows optimal rows instead of 2"
else check what_if_sweep.py ok; fi

[ "$failed" -eq 0 ] || cat "$work/server.log" >&2
echo "smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
