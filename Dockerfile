# syntax=docker/dockerfile:1

# Build: a static binary (pure-Go SQLite, no cgo).
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/rungs ./cmd/rungs \
 && mkdir -p /out/data

# Run: distroless static, as the non-root user (uid 65532).
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/rungs /usr/local/bin/rungs
COPY --from=build --chown=65532:65532 /out/data /data
WORKDIR /data
ENV RUNGS_ADDR=:8080 \
    RUNGS_SQLITE_PATH=/data/rungs.db
USER 65532:65532
EXPOSE 8080
VOLUME ["/data"]
ENTRYPOINT ["/usr/local/bin/rungs"]
CMD ["serve"]
