#!/usr/bin/env bash
# Measures node loss recovery on a three-node cluster on PostgreSQL: how long after a node is killed (SIGKILL) its
# accounts answer again through the other nodes, and what a client that keeps calling the survivors meanwhile sees.
# A measurement, not a test: it prints figures, asserts none.
#
#   bash tests/cluster-recovery.sh [RUNS] [STABLE_AFTER_SECONDS] [ACCOUNTS]
#
# Defaults: 3 runs, the split-brain resolver's wait of hocon/akka.hocon, 30 accounts. Each run starts a fresh
# PostgreSQL database and three nodes from the Release build (built first), opens the accounts, starts two clients
# (one per surviving node) that read random accounts and open new ones under an Idempotency-Key without pause, kills
# the node that holds the most accounts, and asks for each of its accounts through a surviving node until it answers
# 200 (each request waits as long as the API holds it, 30 s). It prints, per run: the time until the first and the last
# of the lost accounts answered again, and the clients' requests from a second before the kill until the last lost
# account answered, with how many got an answer other than 2xx (or none) and the slowest answer. With RECOVERY_LOGS set
# to a folder, each run's node and client logs are copied to RECOVERY_LOGS/run<N>/.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-3}
stable_after=${2:-}
accounts=${3:-30}
work=/tmp/publishingcluster-recovery-$$
server=src/PublishingCluster.Server/bin/Release/net10.0/PublishingCluster.Server.dll
pids=()
clients=()

cleanup() {
  for pid in "${clients[@]}" "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
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

echo "run | stable-after (s) | lost accounts | first answered after (s) | last answered after (s) | client requests | not 2xx (codes) | slowest answer (s)"
for run in $(seq 1 "$runs"); do
  bash tests/postgres.sh createdb "$work/pg" "recovery_$run"
  connection="Host=127.0.0.1;Port=$port;Database=recovery_$run;Username=postgres"
  seeds="akka.tcp://PublishingCluster@127.0.0.1:4151,akka.tcp://PublishingCluster@127.0.0.1:4152"
  pids=()
  for n in 1 2 3; do
    extra=()
    if [[ -n "$stable_after" ]]; then extra=(--stable-after "$stable_after"); fi
    dotnet "$server" --provider postgres --connection-string "$connection" --seed-nodes "$seeds" --node-port "415$n" \
      --urls "http://127.0.0.1:530$n" --admin-urls "http://127.0.0.1:540$n" --cmd-port "916$n" "${extra[@]}" > "$work/node$n.log" 2>&1 &
    pids+=($!)
  done
  for n in 1 2 3; do
    for try in $(seq 180); do curl -sf "http://127.0.0.1:530$n/health/ready" > /dev/null && break; sleep 1; done
    curl -sf "http://127.0.0.1:530$n/health/ready" > /dev/null || { echo "node $n did not start:" >&2; tail -n 5 "$work/node$n.log" >&2; exit 1; }
  done

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

  others=$(( (victim % 3) + 1 ))" "$(( ((victim + 1) % 3) + 1 ))
  ids=($(awk '{ print $1 }' "$work/homes"))
  rm -f "$work/stop" "$work/client."*
  # A client per surviving node: read a random account, then open a new one under an Idempotency-Key, and again,
  # each request waiting as long as the API holds it. Each line: seconds since the run's start, status, duration.
  client() {
    local node=$1 n=0 line
    while [[ ! -f "$work/stop" ]] && (( n < 100000 )); do
      n=$((n + 1))
      line=$(curl -s -m 35 -o /dev/null -w '%{http_code} %{time_total}' "${auth[@]}" \
        "http://127.0.0.1:530$node/accounts/${ids[RANDOM % ${#ids[@]}]}" || true)
      echo "$(now) GET ${line:-000 35}" >> "$work/client.$node"
      line=$(curl -s -m 35 -o /dev/null -w '%{http_code} %{time_total}' "${auth[@]}" "${json[@]}" \
        -H "Idempotency-Key: run$run-node$node-$n" -X POST "http://127.0.0.1:530$node/accounts" -d "$account_body" || true)
      echo "$(now) POST ${line:-000 35}" >> "$work/client.$node"
    done
  }
  clients=()
  for node in $others; do client "$node" & clients+=($!); done
  sleep 1
  started=$(now)

  kill -9 "${pids[$((victim - 1))]}"
  killed=$(now)
  # One request per lost account at once, each asked again (after a failure) until it answers 200.
  probe() {
    local id=$1 code
    while (( $(echo "$(now) - $killed < 300" | bc) )); do
      code=$(curl -s -m 35 -o /dev/null -w '%{http_code}' "${auth[@]}" "http://127.0.0.1:530$survivor/accounts/$id" || true)
      if [[ $code == 200 ]]; then echo "$(now) - $killed" | bc > "$work/answered.$id"; return; fi
      sleep 0.2
    done
  }
  probes=()
  for id in $lost; do probe "$id" & probes+=($!); done
  wait "${probes[@]}"
  recovered=$(now)
  touch "$work/stop"
  wait "${clients[@]}"
  for id in $lost; do
    [[ -f "$work/answered.$id" ]] || { echo "run $run: account $id unanswered after 300 s" >&2; exit 1; }
  done
  first=$(cat "$work"/answered.* | sort -n | head -n 1)
  last=$(cat "$work"/answered.* | sort -n | tail -n 1)
  rm -f "$work"/answered.*
  # The clients' requests sent from a second before the kill until the last lost account answered.
  read -r total failed codes slowest < <(cat "$work"/client.* | awk -v from="$started" -v to="$recovered" '
    { sent = $1 - $4 } sent >= from - 1 && sent <= to {
      total++; if ($3 !~ /^2/) { failed++; codes[$3]++ } if ($4 > slowest) slowest = $4 }
    END { list = ""; for (c in codes) list = list c "x" codes[c] ","; if (list == "") list = "-";
          printf "%d %d %s %.1f\n", total, failed, list, slowest }')
  printf '%s | %s | %s | %.1f | %.1f | %s | %s (%s) | %s\n' "$run" "${stable_after:-default}" "$lost_count" "$first" "$last" \
    "$total" "$failed" "${codes%,}" "$slowest"

  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  wait "${pids[@]}" 2>/dev/null || true
  if [[ -n "${RECOVERY_LOGS:-}" ]]; then
    mkdir -p "$RECOVERY_LOGS/run$run"
    cp "$work"/node*.log "$work"/client.* "$work/homes" "$RECOVERY_LOGS/run$run/"
    echo "victim node $victim, killed at $killed" > "$RECOVERY_LOGS/run$run/victim"
  fi
done
