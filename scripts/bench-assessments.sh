#!/usr/bin/env bash
# Assessments through HTTP on PostgreSQL, measured with wrk on loopback: a
# candidate of an organisation with 5 experiences and 3 interview
# scorecards is assessed again and again with an API key, then one stored
# assessment is read, next to /healthz in the same run.
# Usage: scripts/bench-assessments.sh [duration]   (DATABASE_URL or the test database)
set -euo pipefail
cd "$(dirname "$0")/.."
DUR="${1:-10s}"
THREADS=2
CONNS="${CONNS:-32}"
export RUNGS_DB_MAX_OPEN_CONNS="${POOL:-20}"
PORT=18090
# shellcheck source=scripts/bench-common.sh
. scripts/bench-common.sh
start_server
admin=$(admin_token)
org=$(api POST /v1/orgs "$admin" '{"name":"Bench Org"}' | field id)
key=$(api POST "/v1/orgs/$org/api-keys" "$admin" \
  '{"name":"bench","scopes":["candidates:write","assessments:write","assessments:read","scorecards:write"]}' | field secret)
cand=$(api POST /v1/candidates "$key" '{"display_name":"Bench Candidate","experiences":[
  {"title":"Major Gifts Officer","years":8,"community_served":"donors","highlights":["Grew a donor circle"]},
  {"background":"teaching","years":3},{"title":"Account Executive","years":2},
  {"title":"Hotel Front Desk Manager","years":1.5},{"title":"Volunteer Coordinator","years":4}],
  "self_ratings":[{"competency":"stakeholder-influence","proficiency":3,"evidence":"Closed a gift."}]}' | field id)
for i in 1 2 3; do
  api POST "/v1/candidates/$cand/scorecards" "$key" \
    '{"ratings":[{"competency":"stakeholder-influence","proficiency":3,"note":"n"},{"competency":"relationship-building","proficiency":2}],"overall_recommendation":"yes"}' >/dev/null
done
assessment=$(api POST "/v1/candidates/$cand/assessments" "$key" | field id)

cat >"$tmp/assess.lua" <<LUA
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer $key"
LUA
cat >"$tmp/read.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $key"
LUA
ticks() { # CPU ticks (1/100 s) the server has used so far
  awk '{print $14 + $15}' /proc/"$rungs_pid"/stat
}
busy() { # CPU ticks the whole machine has been busy so far
  awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat
}
run() { # name url [script]
  local out r0 p0
  r0=$(ticks); p0=$(busy)
  out=$(wrk -t$THREADS -c"$CONNS" -d"$DUR" ${3:+-s "$3"} "$2")
  if grep -q "Non-2xx" <<<"$out"; then echo "$out"; exit 1; fi
  printf '%-36s %10s req/s  p50 %-8s p99 %s\n' "$1" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
    "$(awk '/Latency/ {print $2}' <<<"$out")" "$(wrk_p99 <<<"$out")"
  echo "    CPU: server $(( ($(ticks) - r0) / 100 )) s of $(( ($(busy) - p0) / 100 )) s busy on the machine (the rest: PostgreSQL and wrk)"
}
wrk_p99() { awk '/Latency/ {print $4; exit}'; }
echo "one assessment: $(api GET "/v1/assessments/$assessment" "$key" | wc -c) bytes of JSON"
echo "PostgreSQL, pool $RUNGS_DB_MAX_OPEN_CONNS, wrk $THREADS threads $CONNS connections $DUR"
run "POST /v1/candidates/{id}/assessments" "http://127.0.0.1:18090/v1/candidates/$cand/assessments" "$tmp/assess.lua"
run "GET /healthz" http://127.0.0.1:18090/healthz
run "GET /v1/assessments/{id}" "http://127.0.0.1:18090/v1/assessments/$assessment" "$tmp/read.lua"
psql "$BASE_URL" -tAc "SELECT 'assessments stored: ' || count(*) || ', body on disk ' || avg(pg_column_size(body))::int || ' bytes' FROM $SCHEMA.assessments"
