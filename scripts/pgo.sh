#!/usr/bin/env bash
# Profile-guided optimisation (make pgo): writes cmd/casebook/default.pgo,
# the CPU profile that `go build` uses for the casebook command
# (https://go.dev/doc/pgo). It profiles two full builds of a generated
# casebook of 10,000 cases, with a binary built without the current profile,
# and merges the two. (A profile of the dev server's rebuilds, merged in,
# made no difference that the noise of this machine let measure.)
# Regenerate it when the hot paths change; an old profile stays correct,
# only less useful. docs/performance.md has what it gains.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOTOOLCHAIN=${GOTOOLCHAIN:-local}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -pgo=off -o "$work/casebook" ./cmd/casebook
go run ./internal/corpus/cmd/gencorpus -n 10000 -out "$work/tree"
for i in 1 2; do
	rm -rf "$work/out"
	"$work/casebook" build -site "$work/tree" -out "$work/out" -cpuprofile "$work/build$i.prof" >/dev/null 2>"$work/stderr.txt" ||
		{ cat "$work/stderr.txt" >&2; exit 1; }
done
go tool pprof -proto "$work/build1.prof" "$work/build2.prof" >cmd/casebook/default.pgo
echo "wrote cmd/casebook/default.pgo ($(wc -c <cmd/casebook/default.pgo) bytes)"
