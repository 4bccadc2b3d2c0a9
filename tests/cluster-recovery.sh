#!/usr/bin/env bash
# Measures node loss recovery on a three-node cluster on PostgreSQL: how long after a node is killed (SIGKILL)
# its accounts answer again through the other nodes. A measurement, not a test: it prints figures, asserts none.
#
#   bash tests/cluster-recovery.sh [RUNS] [STABLE_AFTER_SECONDS] [ACCOUNTS]
#
# Defaults: 3 runs, the split-brain resolver's wait of hocon/akka.hocon (10 s), 30 accounts. Each run starts a fresh
# PostgreSQL database and three nodes from the Release build (built first), opens the accounts, kills the node that
# holds the most of them, and polls each of its accounts through a surviving node until it answers 200. It prints,
# per run: the time until the first and until the last of the lost accounts answered again (to within about 2 s,
# the polls' own timeout).
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-3}
stable_after=${2:-}
accounts=${3:-30}
work=/tmp/publishingcluster-recovery-$$
server=src/PublishingCluster.Server/bin/Release/net10.0/PublishingCluster.Server.dll
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  bash tests/postgres.sh stop "$work/pg" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build src/PublishingCluster.Server -c Release -v quiet -nologo > /dev/null
mkdir -p "$work"
chmod 755 "$work"
port=$(bash tests/postgres.sh start "$work/pg")
now() { date +%s.%N; }
json=(-H 'Content-Type: application/json')
account_body='{ "name": "Recovery client", "contract": { "scope": [ { "network": "LinkedIn", "postsPerWeek": 3 } ],
  "roles": { "accountManager": "Ada Byron", "clientContentContact": "Grace Hopper" },
  "budget": { "monthlyFee": 4500, "currency": "EUR", "hoursPerMonth": 40, "thirdPartyCosts": 300 },
  "reportingCadence": "Monthly",
  "responseSla": { "firstResponseMinutes": 120, "negativeFirstResponseMinutes": 30,
    "businessHours": { "timeZone": "Europe/London", "days": ["Monday"], "opens": "09:00:00", "closes": "17:00:00" } },
  "contactPolicy": { "medium": "Email", "maxContactsPerWeek": 2 }, "goals": [] } }'

echo "run | stable-after | lost accounts | first answered after (s) | last answered after (s)"
for run in $(seq 1 "$runs"); do
  bash tests/postgres.sh createdb "$work/pg" "recovery_$run"
  connection="Host=127.0.0.1;Port=$port;Database=recovery_$run;Username=postgres"
  seeds="akka.tcp://PublishingCluster@127.0.0.1:4151,akka.tcp://PublishingCluster@127.0.0.1:4152"
  pids=()
  for n in 1 2 3; do
    extra=()
    if [[ -n "$stable_after" ]]; then extra=(--stable-after "$stable_after"); fi
    dotnet "$server" --provider postgres --connection-string "$connection" --seed-nodes "$seeds" --node-port "415$n" \
      --urls "http://127.0.0.1:530$n" --admin-urls "http://127.0.0.1:540$n" "${extra[@]}" > "$work/node$n.log" 2>&1 &
    pids+=($!)
  done
  for n in 1 2 3; do until curl -sf "http://127.0.0.1:530$n/health/ready" > /dev/null; do sleep 1; done; done

  curl -sf "${json[@]}" -X POST http://127.0.0.1:5401/admin/agencies -d '{ "agencyId": "recovery", "name": "Recovery" }' > /dev/null
  token=$(curl -sf "${json[@]}" -X POST http://127.0.0.1:5401/admin/agencies/recovery/keys \
    -d '{ "label": "Recovery", "role": "AgencyAdmin" }' | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
  auth=(-H "Authorization: Bearer $token")
  : > "$work/homes"
  for a in $(seq 1 "$accounts"); do
    id=$(curl -sf "${auth[@]}" "${json[@]}" -X POST http://127.0.0.1:5302/accounts -d "$account_body" | sed -n 's/.*"accountId":"\([^"]*\)".*/\1/p')
    home=$(curl -sf "http://127.0.0.1:5402/admin/cluster/accounts/$id/location" | sed -n 's/.*"node":"[^"]*:\([0-9]*\)".*/\1/p')
    echo "$id $home" >> "$work/homes"
  done

  # The victim: the node holding the most accounts (any node may be it, the oldest included).
  victim_port=$(awk '{ print $2 }' "$work/homes" | sort | uniq -c | sort -rn | head -n 1 | awk '{ print $2 }')
  victim=$((victim_port - 4150))
  survivor=$((victim % 3 + 1))
  lost=$(awk -v p="$victim_port" '$2 == p { print $1 }' "$work/homes")
  lost_count=$(echo "$lost" | wc -l)

  kill -9 "${pids[$((victim - 1))]}"
  killed=$(now)
  first=""
  last=""
  pending="$lost"
  while [[ -n "$pending" ]]; do
    # One request per unanswered account at once, each given up after 2 s (a request to a shard whose node is
    # gone waits for the API's 10 s timeout), so an account is seen within about 2 s of answering again.
    polls=()
    for id in $pending; do
      curl -s -m 2 -o /dev/null -w '%{http_code}' "${auth[@]}" "http://127.0.0.1:530$survivor/accounts/$id" > "$work/status.$id" &
      polls+=($!)
    done
    wait "${polls[@]}" 2>/dev/null || true
    t=$(echo "$(now) - $killed" | bc)
    still=""
    for id in $pending; do
      if [[ $(cat "$work/status.$id") == 200 ]]; then
        first=${first:-$t}
        last=$t
      else
        still="$still $id"
      fi
    done
    pending=$(echo "$still" | xargs)
    [[ -z "$pending" ]] || sleep 0.2
    if (( $(echo "$(now) - $killed > 300" | bc) )); then echo "run $run: accounts still unanswered after 300 s" >&2; exit 1; fi
  done
  printf '%s | %s | %s | %.1f | %.1f\n' "$run" "${stable_after:-10 (default)}" "$lost_count" "$first" "$last"

  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  wait "${pids[@]}" 2>/dev/null || true
done
