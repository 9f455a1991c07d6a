#!/usr/bin/env bash
# Bulk import and export on PostgreSQL: import candidates in batches of
# 1,000 (without and with scoring), then restart the server and stream
# them all out as NDJSON and CSV, with the server's RSS before and its peak
# after. Usage: scripts/bench-integration.sh [candidates, default 100000]
set -euo pipefail
cd "$(dirname "$0")/.."
TOTAL="${1:-100000}"
PORT=18091
# shellcheck source=scripts/bench-common.sh
. scripts/bench-common.sh
start_server
admin=$(admin_token)
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

kill "$rungs_pid"; wait "$rungs_pid" 2>/dev/null || true
start_server
sleep 1
idle=$(awk '/VmRSS/ {print $2}' /proc/$rungs_pid/status)
for accept in application/x-ndjson text/csv application/x-ndjson text/csv; do
  t0=$(date +%s%N)
  rows=$(curl -fsS "http://127.0.0.1:18091/v1/orgs/$org/candidates/export" -H "Authorization: Bearer $key" -H "Accept: $accept" | wc -l)
  t1=$(date +%s%N)
  printf '%-40s %8d rows/s (%d lines)\n' "export $accept" $(( rows * 1000000000 / (t1 - t0) )) "$rows"
done
peak=$(awk '/VmHWM/ {print $2}' /proc/$rungs_pid/status)
echo "server RSS idle $(( idle / 1024 )) MiB, peak during the exports $(( peak / 1024 )) MiB (+$(( (peak - idle) / 1024 )) MiB)"
