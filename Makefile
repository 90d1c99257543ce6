# Casebook. `make site` builds the bundled casebook into public/; `make test` runs every test.
GO ?= go
SITE ?= .
OUT ?= public

FUZZTIME ?= 20s

.PHONY: fuzz site check serve test screenshots bench bench-process pgo clean casebook

casebook:
	$(GO) build -o bin/casebook ./cmd/casebook

site:
	$(GO) run ./cmd/casebook build -site $(SITE) -out $(OUT)

check:
	$(GO) run ./cmd/casebook check -site $(SITE)

serve:
	$(GO) run ./cmd/casebook serve -site $(SITE)

test:
	$(GO) vet ./...
	$(GO) test -race ./...

# Full-page PNGs of each page type at 375px and 1280px, light and dark, into
# ./screenshots/ (not committed); needs Chromium, like the browser tests.
screenshots:
	CASEBOOK_SCREENSHOTS=$(CURDIR)/screenshots $(GO) test -tags screenshots -count=1 -run '^TestScreenshots$$' -v ./internal/browser

# Go benchmarks, full builds of 1,000 and 10,000 generated cases included
# (several minutes; docs/performance.md). bench-process times casebook build
# and the floor program as processes; `scripts/bench.sh 50000` adds 50k.
bench:
	$(GO) test -run '^$$' -bench . -benchmem -timeout 60m ./...

bench-process:
	scripts/bench.sh

# The profile that guides the compiler for cmd/casebook (scripts/pgo.sh):
# regenerate it when the hot paths change.
pgo:
	scripts/pgo.sh

clean:
	rm -rf bin $(OUT)

# Each fuzz target for FUZZTIME (CI: 20s each); see scripts/fuzz.sh.
fuzz:
	GO=$(GO) FUZZTIME=$(FUZZTIME) scripts/fuzz.sh
