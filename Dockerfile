# syntax=docker/dockerfile:1

# Build: a static binary (pure-Go SQLite, no cgo).
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
ARG VERSION=dev
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/rungs ./cmd/rungs \
 && mkdir -p /out/data

# Run: distroless static (no shell, no libc), as the non-root user 65532.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/rungs /usr/local/bin/rungs
COPY --from=build --chown=65532:65532 /out/data /data
WORKDIR /data
# Metrics on their own port: publish 8080, keep 9090 on the internal network.
ENV RUNGS_ADDR=:8080 \
    RUNGS_METRICS_ADDR=:9090 \
    RUNGS_SQLITE_PATH=/data/rungs.db
USER 65532:65532
EXPOSE 8080 9090
VOLUME ["/data"]
# No curl in the image: the binary asks its own /healthz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
    CMD ["/usr/local/bin/rungs", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/rungs"]
CMD ["serve"]
