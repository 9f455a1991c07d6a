#!/usr/bin/env bash
# Bulk import and export on PostgreSQL: import candidates in batches of
# 1,000 (without and with scoring), then restart the server and stream
# them all out as NDJSON and CSV, with the server's RSS before and its peak
# after. Usage: scripts/bench-integration.sh [candidates, default 100000]
set -euo pipefail
cd "$(dirname "$0")/.."
TOTAL="${1:-100000}"
BASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test?sslmode=disable}"
SCHEMA="bench_$(date +%s)"
tmp=$(mktemp -d)
cleanup() {
  kill $(jobs -p) 2>/dev/null || true
  psql "$BASE_URL" -qc "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT
psql "$BASE_URL" -qc "CREATE SCHEMA $SCHEMA"
sep='?'; [[ "$BASE_URL" == *\?* ]] && sep='&'
export DATABASE_URL="${BASE_URL}${sep}search_path=$SCHEMA"
export RUNGS_JWT_SECRET="bench-secret-$(head -c 32 /dev/urandom | base64 | tr -d '/+=')"
export RUNGS_ADDR=127.0.0.1:18091 RUNGS_METRICS_ADDR=off RUNGS_LOG_LEVEL=error RUNGS_AUTH_RATE=100000 RUNGS_AUTH_BURST=100000

CGO_ENABLED=0 go build -o "$tmp/rungs" ./cmd/rungs
"$tmp/rungs" migrate up >/dev/null
echo "a long and unusual passphrase" | "$tmp/rungs" admin create --email bench@example.org --name Bench >/dev/null
start_server() {
  "$tmp/rungs" 2>>"$tmp/rungs.log" &
  pid=$!
  for i in $(seq 1 500); do curl -fs -o /dev/null http://127.0.0.1:18091/readyz && break; sleep 0.01; done
}
start_server
field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
api() { curl -fsS -X "$1" "http://127.0.0.1:18091$2" -H "Authorization: Bearer $3" -H 'Content-Type: application/json' ${4:+--data-binary "$4"}; }
admin=$(curl -fsS http://127.0.0.1:18091/v1/auth/login -H 'Content-Type: application/json' \
  --data '{"email":"bench@example.org","password":"a long and unusual passphrase"}' | field access_token)
org=$(api POST /v1/orgs "$admin" '{"name":"Bench Org"}' | field id)
key=$(api POST "/v1/orgs/$org/api-keys" "$admin" '{"name":"bench","scopes":["candidates:write","candidates:read","assessments:write"]}' | field secret)

batch() { # file first assess
  python3 - "$1" "$2" "$3" <<'PY'
import json, sys
path, first, assess = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "true"
titles = ["Major Gifts Officer", "Account Executive", "Hotel Front Desk Manager", "Volunteer Coordinator", "Teacher"]
items = [{"external_id": f"ats-{first + i}", "display_name": f"Candidate {first + i}", "headline": "Moving into community",
          "experiences": [{"title": titles[(first + i) % 5], "years": 1 + (first + i) % 12, "highlights": ["Ran a monthly meetup"]},
                          {"background": "teaching", "years": 2}],
          "self_ratings": [{"competency": "stakeholder-influence", "proficiency": (first + i) % 5, "evidence": "Led a partner council."}]}
         for i in range(1000)]
json.dump({"candidates": items, "assess": assess}, open(path, "w"))
PY
}
import_run() { # label count assess offset
  local files=() i n=$2 t0 t1
  for ((i = 0; i < n; i++)); do batch "$tmp/b$i.json" $(( $4 + i * 1000 )) "$3"; files+=("$tmp/b$i.json"); done
  t0=$(date +%s%N)
  for f in "${files[@]}"; do
    curl -fsS -o /dev/null -X POST "http://127.0.0.1:18091/v1/candidates/batch" -H "Authorization: Bearer $key" \
      -H 'Content-Type: application/json' --data-binary "@$f"
  done
  t1=$(date +%s%N)
  printf '%-40s %8d candidates/s\n' "$1" $(( n * 1000 * 1000000000 / (t1 - t0) ))
  rm -f "${files[@]}"
}
import_run "import, 10 batches of 1,000" 10 false 0
import_run "import with assess, 10 batches of 1,000" 10 true 10000
left=$(( TOTAL / 1000 - 20 ))
offset=20000
while (( left > 0 )); do
  step=$(( left < 10 ? left : 10 ))
  import_run "  (seeding, $step batches)" "$step" false "$offset" >/dev/null
  offset=$(( offset + step * 1000 )); left=$(( left - step ))
done
echo "candidates stored: $(psql "$BASE_URL" -tAc "SELECT count(*) FROM $SCHEMA.candidates")"

kill "$pid"; wait "$pid" 2>/dev/null || true
start_server
sleep 1
idle=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
for accept in application/x-ndjson text/csv application/x-ndjson text/csv; do
  t0=$(date +%s%N)
  rows=$(curl -fsS "http://127.0.0.1:18091/v1/orgs/$org/candidates/export" -H "Authorization: Bearer $key" -H "Accept: $accept" | wc -l)
  t1=$(date +%s%N)
  printf '%-40s %8d rows/s (%d lines)\n' "export $accept" $(( rows * 1000000000 / (t1 - t0) )) "$rows"
done
peak=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
echo "server RSS idle $(( idle / 1024 )) MiB, peak during the exports $(( peak / 1024 )) MiB (+$(( (peak - idle) / 1024 )) MiB)"
