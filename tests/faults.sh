#!/usr/bin/env bash
# Repeats the pause and partition tests (PausedNodeTests, PartitionedNodeTests: three nodes on PostgreSQL, 300 posts
# each) with different timings, and prints one line per run and test: each run moves the fault later into the
# publishing (20, 50, 80 or 110 posts out) and makes it outlast the node's removal by 8, 14 or 2 s. A test passes
# only if every post is on the network once and none was sent twice. Needs root for the partition tests.
#
#   bash tests/faults.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-3}
dotnet build tests/PublishingCluster.Server.Tests -c Release -warnaserror -v quiet -nologo > /dev/null
echo "run | posts out at the fault | fault outlasts removal (s) | test | result"
failed=0
for run in $(seq 0 $((runs - 1))); do
  log=$(mktemp /tmp/publishingcluster-faults-XXXX.log)
  if ! FAULT_RUN=$run dotnet test tests/PublishingCluster.Server.Tests -c Release --no-build \
    --filter "FullyQualifiedName~PausedNodeTests|FullyQualifiedName~PartitionedNodeTests" \
    --logger "console;verbosity=normal" > "$log" 2>&1; then
    failed=1
    echo "run $run failed; its log: $log" >&2
  fi
  grep -E '^\s+(Passed|Failed|Skipped) PublishingCluster' "$log" | while read -r result rest; do
    name=${rest%% \[*}
    echo "$run | $((20 + 30 * (run % 4))) | $((2 + 6 * ((run + 1) % 3))) | ${name##*.} | $result"
  done
  if [[ $failed == 0 ]]; then rm -f "$log"; fi
done
exit $failed
