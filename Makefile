# Casebook. `make site` builds the bundled casebook into public/; `make test` runs every test.
GO ?= go
SITE ?= .
OUT ?= public

.PHONY: site check test bench clean casebook

casebook:
	$(GO) build -o bin/casebook ./cmd/casebook

site:
	$(GO) run ./cmd/casebook build -site $(SITE) -out $(OUT)

check:
	$(GO) run ./cmd/casebook check -site $(SITE)

test:
	$(GO) vet ./...
	$(GO) test -race ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin $(OUT)
