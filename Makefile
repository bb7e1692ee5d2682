# The whole test suite. It expects MariaDB/MySQL and Redis on this machine
# (as .ci/run sets them up); override the addresses in the environment.
SHELL := /bin/bash

SEIMBANG_TEST_MYSQL_DSN ?= root@tcp(127.0.0.1:3306)/seimbang_test
SEIMBANG_TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
export SEIMBANG_TEST_MYSQL_DSN SEIMBANG_TEST_REDIS_URL

.PHONY: test run build lint fuzz proof

# Every fuzz target, package:Function; `make fuzz` runs each for FUZZTIME.
FUZZ_TARGETS = ./core:FuzzParseNIP ./core:FuzzNormalizePhone ./core:FuzzParseGolongan \
	./core/importer:FuzzParseCSV ./core/importer:FuzzParseXLSX \
	./bot:FuzzParseCallback ./bot:FuzzText ./admin:FuzzAPIBody ./admin:FuzzAPIUpdate ./admin:FuzzChange
FUZZTIME ?= 10s

test:
	go test -race -count=1 -timeout 20m ./...

run:
	go run ./cmd/seimbang serve --demo

build:
	CGO_ENABLED=0 go build -trimpath -o bin/seimbang ./cmd/seimbang

lint:
	test -z "$$(gofmt -l .)" || { gofmt -l .; exit 1; }
	go vet ./...

# Each fuzz target for FUZZTIME (CI: 10s each); a failing input is saved
# under the package's testdata/fuzz and fails the run.
# A fuzz target missing from FUZZ_TARGETS would never run: refuse.
fuzz:
	@set -e; for f in $$(grep -rlE '^func Fuzz' --include='*_test.go' .); do \
		for fn in $$(grep -oE '^func Fuzz[A-Za-z0-9_]+' $$f | cut -d' ' -f2); do \
			echo " $(FUZZ_TARGETS) " | grep -q "./$$(dirname $${f#./}):$$fn " || \
				{ echo "$$fn in $$f is not in FUZZ_TARGETS (Makefile)"; exit 1; }; \
		done; \
	done
	@set -e; for t in $(FUZZ_TARGETS); do \
		echo "fuzz $$t for $(FUZZTIME)"; \
		go test -run='^$$' -fuzz="^$${t##*:}$$" -fuzztime=$(FUZZTIME) $${t%%:*}; \
	done

# The proof suite (issue 8): builds the binary, starts it against its own
# MariaDB and Redis and the fake Bot API, runs every scenario and prints one
# "PROOF scenario: figures" line each. SEIMBANG_PROOF=short is the CI size.
proof:
	set -o pipefail; go test -tags proof -count=1 -v -timeout 60m ./proof/ 2>&1 | tee $${TMPDIR:-/tmp}/seimbang-proof.log | \
		grep -E '^(PROOF |--- |FAIL|ok|PASS)|[a-z_]+_test\.go:[0-9]+:'; \
		exit $${PIPESTATUS[0]}
