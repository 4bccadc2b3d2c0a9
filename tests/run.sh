#!/usr/bin/env bash
# Runs every test of PublishingCluster. Restores and builds first; needs only the .NET SDK (and curl and bash,
# which the documented walk-through test uses).
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build PublishingCluster.sln -c Release -warnaserror
dotnet test PublishingCluster.sln -c Release --no-build --blame-hang-timeout 10m "$@"
# A node of the build before the cluster protocol serializer and nodes of this one in one cluster (builds that server
# first: a few minutes on a fresh machine, kept in /tmp after).
bash tests/rolling-upgrade.sh
# Every load scenario at toy sizes against real server processes on loopback (figures not asserted; 2-4 minutes).
bash load-tests/smoke.sh
