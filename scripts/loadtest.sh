#!/usr/bin/env bash
# Load test on loopback with wrk: Rungs' endpoints next to a bare Echo hello
# handler, measured in the same run. Usage: scripts/loadtest.sh [duration]
set -euo pipefail
cd "$(dirname "$0")/.."
DUR="${1:-10s}"
THREADS=2
CONNS=32
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp"' EXIT

CGO_ENABLED=0 go build -o "$tmp/rungs" ./cmd/rungs
go build -o "$tmp/bare" ./scripts/bare-echo

start=$(date +%s%N)
RUNGS_ADDR=127.0.0.1:18080 RUNGS_METRICS_ADDR=off RUNGS_SQLITE_PATH="$tmp/rungs.db" RUNGS_LOG_LEVEL=error \
  RUNGS_TRANSFER_MAP_RATE=1000000 RUNGS_TRANSFER_MAP_BURST=100000 "$tmp/rungs" 2>"$tmp/rungs.log" &
rungs_pid=$!
for i in $(seq 1 2000); do curl -fs -o /dev/null http://127.0.0.1:18080/readyz && break; sleep 0.005; done
curl -fs -o /dev/null http://127.0.0.1:18080/readyz || { cat "$tmp/rungs.log"; exit 1; }
echo "start to ready (fresh database): $(( ($(date +%s%N) - start) / 1000000 )) ms"
"$tmp/bare" -addr 127.0.0.1:18081 &
for i in $(seq 1 500); do curl -fs -o /dev/null http://127.0.0.1:18081/hello && break; sleep 0.01; done
sleep 1
echo "idle RSS: $(awk '/VmRSS/ {print $2/1024 " MiB"}' /proc/$rungs_pid/status)"

cat >"$tmp/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"experiences":[{"title":"Major Gifts Officer","years":8},{"background":"teaching","years":3}]}'
LUA

run() { # name url [script]
  local out
  out=$(wrk -t$THREADS -c$CONNS -d"$DUR" ${3:+-s "$3"} "$2")
  printf '%-32s %12s req/s  p50 %s\n' "$1" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" "$(awk '/Latency/ {print $2}' <<<"$out")"
}
run "bare Echo /hello" http://127.0.0.1:18081/hello
run "GET /healthz" http://127.0.0.1:18080/healthz
for path in /v1/levels "/v1/backgrounds?q=account" ; do
  if curl -fs -o /dev/null "http://127.0.0.1:18080$path"; then run "GET $path" "http://127.0.0.1:18080$path"; fi
done
run "POST /v1/transfer-map" http://127.0.0.1:18080/v1/transfer-map "$tmp/post.lua"
