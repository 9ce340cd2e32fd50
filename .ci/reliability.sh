#!/usr/bin/env bash
# The reliability suite at full strength (docs/reliability.md): fuzz (1,200 hostile requests and
# more), 50-client load for 20 s, kill -9 / restart and corrupt or locked stores with the server
# as a child process, determinism, resource bounds. Loopback only; everything stops by itself.
# About 4–5 minutes on 2 cores. A plain `dotnet test` runs the fast subset of the same project.
#
#   bash .ci/reliability.sh               run, print the figures and "reliability: N passed, N failed"
#   bash .ci/reliability.sh --write-docs  also rewrite the figures section of docs/reliability.md
#   bash .ci/reliability.sh --figures DIR            only print the figures the tests wrote to DIR
#   bash .ci/reliability.sh --stop-left-behind DIR   only stop servers left behind (ids in DIR/server-pids)
#
# .ci/run does not call this to run the suite: it runs the project once, at full strength,
# inside its solution run (STOCKPILE_RELIABILITY=full), and uses the two modes above.
#
# Exit status non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export STOCKPILE_RELIABILITY=full

# Servers the tests started as child processes are stopped by the tests; if the test host was
# killed (a timeout), stop any left behind, by their recorded ids only.
stop_left_behind() {
  local pid
  [ -f "$1/server-pids" ] || return 0
  while read -r pid; do
    if [ -n "$pid" ] && grep -q "StockpileOptimizer.Server.dll" "/proc/$pid/cmdline" 2>/dev/null; then
      echo "stopping a server left behind (pid $pid)"
      kill -9 "$pid" 2>/dev/null || true
    fi
  done < "$1/server-pids"
}

# The figures, in the order of docs/reliability.md.
sections=(
  "fuzz|Fuzz: hostile instance requests"
  "fuzz-size|Fuzz: the receive-size limit"
  "fuzz-jobs|Fuzz: job calls"
  "fuzz-bytes|Fuzz: bodies that are not a request message"
  "load|Load: 50 concurrent clients"
  "faults-kill|Faults: kill -9 mid-solve and restart"
  "faults-attempts|Faults: a job running at every crash"
  "faults-submissions|Faults: kill -9 during a burst of submissions"
  "store-garbage|Faults: store file of garbage bytes"
  "store-damaged|Faults: damaged store"
  "store-truncated|Faults: truncated store"
  "store-locked-server|Faults: store locked by a live server"
  "store-locked-process|Faults: store locked by another process"
  "determinism-stages|Determinism: longer solves, watched as the server watches them"
  "bounds-size|Resource bounds: a model over the size limit"
  "bounds-time|Resource bounds: time-limit overshoot"
)
print_sections() {
  local entry file
  for entry in "${sections[@]}"; do
    file="$1/${entry%%|*}.md"
    echo
    echo "### ${entry#*|}"
    echo
    if [ -f "$file" ]; then cat "$file"; else echo "(no figures: the test failed before writing them, or did not run)"; fi
  done
}

case "${1:-}" in
  --figures)
    echo
    echo "================ reliability figures ================"
    print_sections "${2:?--figures DIR}"
    echo "====================================================="
    exit 0 ;;
  --stop-left-behind)
    stop_left_behind "${2:?--stop-left-behind DIR}"
    exit 0 ;;
esac

write_docs=0
[ "${1:-}" = "--write-docs" ] && write_docs=1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export STOCKPILE_RELIABILITY_OUT="$work/figures"
mkdir -p "$STOCKPILE_RELIABILITY_OUT"

started=$(date +%s)
# A hard bound on the whole run; every test also bounds itself.
timeout --kill-after=30 900 dotnet test tests/StockpileOptimizer.Reliability.Tests \
  --logger "trx;LogFileName=reliability.trx" --logger "console;verbosity=normal" --results-directory "$work"
status=$?
seconds=$(( $(date +%s) - started ))

stop_left_behind "$STOCKPILE_RELIABILITY_OUT"

passed=0; failed=0; skipped=0
trx="$work/reliability.trx"
if [ -f "$trx" ]; then
  counters=$(grep -o '<Counters [^>]*' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$(get passed)
  failed=$(( $(get failed) + $(get error) + $(get timeout) + $(get aborted) ))
  skipped=$(get notExecuted)
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi

figures="$work/figures.md"
{
  cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')
  mem=$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo 2>/dev/null)
  echo "Run of $(date -u +%Y-%m-%dT%H:%MZ) by \`bash .ci/reliability.sh --write-docs\` (STOCKPILE_RELIABILITY=full): $passed passed, $failed failed, $skipped skipped, ${seconds} s in all (build included)."
  echo "Machine: $(nproc) cores (${cpu:-unknown CPU}), ${mem:-? GiB}, $(uname -sr), .NET SDK $(dotnet --version 2>/dev/null)."
  print_sections "$STOCKPILE_RELIABILITY_OUT"
} > "$figures"

echo
echo "================ reliability figures ================"
cat "$figures"
echo "====================================================="

if [ "$write_docs" -eq 1 ]; then
  doc=docs/reliability.md
  if grep -q '<!-- figures:begin -->' "$doc" && grep -q '<!-- figures:end -->' "$doc"; then
    awk -v figures="$figures" '
      /<!-- figures:begin -->/ { print; while ((getline line < figures) > 0) print line; skip = 1; next }
      /<!-- figures:end -->/ { skip = 0 }
      !skip { print }
    ' "$doc" > "$work/doc.md" && cp "$work/doc.md" "$doc"
    echo "wrote the figures into $doc"
  else
    echo "$doc has no <!-- figures:begin --> / <!-- figures:end --> markers: not written" >&2
  fi
fi

echo "reliability: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
