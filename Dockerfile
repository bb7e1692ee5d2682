# Build a static binary, then run it as a non-root user in a minimal image.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/seimbang ./cmd/seimbang \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/seimbang /seimbang
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
WORKDIR /data
ENV SEIMBANG_HTTP_ADDR=:8080 \
    SEIMBANG_DB_DSN=/data/seimbang.db
EXPOSE 8080
VOLUME ["/data"]
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 CMD ["/seimbang", "healthcheck"]
ENTRYPOINT ["/seimbang"]
CMD ["serve"]
