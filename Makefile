# Rungs: run `make help` for the targets.
# swag and kin-openapi are pinned in go.mod (openapi/gen uses them as
# libraries); oapi-codegen is pinned in openapi/gen/client.go.
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

.DEFAULT_GOAL := help

.PHONY: help
help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: run
run: ## start the API on :8080 with the embedded SQLite database
	go run ./cmd/rungs

.PHONY: test
test: ## run every test with the race detector (set RUNGS_TEST_POSTGRES_URL for PostgreSQL)
	go test -race -count=1 ./...

.PHONY: lint
lint: ## gofmt check, go vet, staticcheck
	@out=$$(find . -name '*.go' -not -path './.git/*' -not -path '*/node_modules/*' | xargs gofmt -l); \
	  if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	go vet ./...
	go run $(STATICCHECK) ./...

.PHONY: bench
bench: ## run the benchmarks
	go test -run '^$$' -bench . -benchmem ./...

.PHONY: bench-webhooks
bench-webhooks: ## webhook deliveries per second and commit-to-delivery delay on PostgreSQL (RUNGS_TEST_POSTGRES_URL)
	go test ./cmd/rungs -run '^$$' -bench WebhookDelivery -benchtime 1x

.PHONY: openapi
openapi: ## regenerate openapi/ (swagger 2, OpenAPI 3) and the typed client in client/
	go run ./openapi/gen

.PHONY: build
build: ## build a static binary into bin/rungs
	CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o bin/rungs ./cmd/rungs
