# The whole test suite. It expects MariaDB/MySQL and Redis on this machine
# (as .ci/run sets them up); override the addresses in the environment.
SEIMBANG_TEST_MYSQL_DSN ?= root@tcp(127.0.0.1:3306)/seimbang_test
SEIMBANG_TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
export SEIMBANG_TEST_MYSQL_DSN SEIMBANG_TEST_REDIS_URL

.PHONY: test run build lint

test:
	go test -race -count=1 -timeout 20m ./...

run:
	go run ./cmd/seimbang serve --demo

build:
	CGO_ENABLED=0 go build -trimpath -o bin/seimbang ./cmd/seimbang

lint:
	test -z "$$(gofmt -l .)" || { gofmt -l .; exit 1; }
	go vet ./...
