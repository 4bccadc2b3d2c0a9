#!/usr/bin/env bash
# The rolling-upgrade test, a step of its own in tests/run.sh (inside the solution's test run it is skipped, so that
# its build does not run beside the timing-sensitive cluster tests): it checks out and builds the server of the last
# commit before the cluster protocol serializer (git worktree, a few minutes the first time; the build is kept in
# the temporary folder for later runs), then runs a node of it and nodes of this build in one cluster on PostgreSQL
# (started by the test, as for the other cluster tests). Needs the repository's history.
#
#   bash tests/rolling-upgrade.sh [dotnet test options]
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build tests/PublishingCluster.Server.Tests -c Release -warnaserror
ROLLING_UPGRADE_TEST=1 dotnet test tests/PublishingCluster.Server.Tests -c Release --no-build \
  --filter "FullyQualifiedName~PublishingCluster.Server.Tests.Upgrade.RollingUpgradeTests" "$@"
