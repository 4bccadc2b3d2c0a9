#!/usr/bin/env bash
# A short, bounded run of every load scenario at toy sizes, as part of CI: it proves the runner and its scenarios
# still work end to end against real server processes on loopback (figures are not asserted; the p99 limits are
# loosened for a busy machine, the error-rate limits are not), and that a failed threshold makes the runner exit 1.
# Expects the Release build (tests/run.sh builds it first); builds the runner if it is missing. About 2-4 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

runner=load-tests/PublishingCluster.LoadTests/bin/Release/net10.0/PublishingCluster.LoadTests.dll
if [ ! -f "$runner" ]; then
  dotnet build load-tests/PublishingCluster.LoadTests -c Release -warnaserror
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Every scenario, tiny: 20 accounts, a 1 s ramp and 2 s of load after a 1 s warm-up. Exits non-zero if a scenario cannot run,
# a threshold fails or the runner crashes; `timeout` bounds it whatever happens.
timeout 420 dotnet "$runner" \
  accepted-commands,account-reads,journal-commands,cold-recovery,agency-day,engagement-firehose,top-of-hour,month-end \
  --accounts 20 --events 50 --duration 2 --warm-up 1 --ramp-up 1 --concurrency 8 --spike-every 2 --max-p99 60000 --out "$out/all"
for report in report.md report.html report.csv; do
  test -s "$out/all/$report" || { echo "smoke: $report was not written" >&2; exit 1; }
done
grep -q "<svg" "$out/all/report.html" || { echo "smoke: report.html has no latency chart" >&2; exit 1; }

# The memory probe, tiny: a node's actor system in the runner, 50 accounts, passivated after 5 s idle.
timeout 240 dotnet "$runner" account-memory --accounts 50 --passivate-after 5 --out "$out/memory"
grep -q "per passivated account: .* bytes of managed heap" "$out/memory/report.md" ||
  { echo "smoke: account-memory wrote no per-account figures" >&2; exit 1; }
grep -q "after idle passivation: 0 account actors alive" "$out/memory/report.md" ||
  { echo "smoke: account-memory's accounts were not all passivated" >&2; exit 1; }

# A threshold nobody can meet must fail the run (exit 1) and say which threshold, measured against its limit
# (in-process on the in-memory journal, the quickest scenario to start).
set +e
timeout 180 dotnet "$runner" journal-commands --journal memory --accounts 5 --duration 1 --warm-up 1 --concurrency 2 --max-p99 0.001 \
  --out "$out/strict" > "$out/strict.log" 2>&1
code=$?
set -e
if [ "$code" -ne 1 ] || ! grep -q "threshold failed: journal-commands / .*, keep 2 concurrent for 1 s: p99 .* ms, limit 0 ms" "$out/strict.log"; then
  echo "smoke: an impossible p99 limit should exit 1 naming the threshold (exit $code):" >&2
  cat "$out/strict.log" >&2
  exit 1
fi

# Bad flags are refused with exit 2 before anything starts.
set +e
dotnet "$runner" agency-day --nodes 3 > "$out/flags.log" 2>&1
code=$?
set -e
if [ "$code" -ne 2 ] || ! grep -q "needs a journal the nodes share" "$out/flags.log"; then
  echo "smoke: --nodes 3 on SQLite should be refused with exit 2 (exit $code):" >&2
  cat "$out/flags.log" >&2
  exit 1
fi

echo "smoke: every load scenario ran; thresholds and flags behave."
