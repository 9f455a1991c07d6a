# Shared by the PostgreSQL benchmark scripts (source it after cd to the
# repository root, with PORT set): a schema of its own, dropped on exit;
# the server built, migrated, with an administrator; helpers to call it.
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
export RUNGS_ADDR=127.0.0.1:$PORT RUNGS_METRICS_ADDR=off RUNGS_LOG_LEVEL=error RUNGS_AUTH_RATE=100000 RUNGS_AUTH_BURST=100000

CGO_ENABLED=0 go build -o "$tmp/rungs" ./cmd/rungs
"$tmp/rungs" migrate up >/dev/null
echo "a long and unusual passphrase" | "$tmp/rungs" admin create --email bench@example.org --name Bench >/dev/null

# start_server runs the server in the background; its pid is in rungs_pid.
start_server() {
  "$tmp/rungs" 2>>"$tmp/rungs.log" &
  rungs_pid=$!
  for _ in $(seq 1 500); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/readyz" && break; sleep 0.01; done
}
api() { # method path token [body]
  curl -fsS -X "$1" "http://127.0.0.1:$PORT$2" -H "Authorization: Bearer $3" -H 'Content-Type: application/json' ${4:+--data-binary "$4"}
}
field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
admin_token() {
  curl -fsS "http://127.0.0.1:$PORT/v1/auth/login" -H 'Content-Type: application/json' \
    --data '{"email":"bench@example.org","password":"a long and unusual passphrase"}' | field access_token
}
