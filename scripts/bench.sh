#!/usr/bin/env bash
# Process benchmark (make bench-process): times `casebook build` and the
# floor program (internal/corpus/cmd/floor) as processes on generated trees
# of 1,000 and 10,000 cases, plus any sizes given as arguments:
#
#	scripts/bench.sh            # 1k and 10k
#	scripts/bench.sh 50000      # 1k, 10k and 50k
#
# For each size it reports wall time, peak RSS (from /usr/bin/time -v) and
# files written, and prints a Markdown table with the ratio build/floor.
# Trees are generated once into BENCH_DIR (default: a temp folder, removed at
# the end) and reused when BENCH_DIR is set. Each program runs RUNS times
# (default 1) and the fastest run is kept; the page cache is warm for both.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOTOOLCHAIN=${GOTOOLCHAIN:-local}

if [ ! -x /usr/bin/time ]; then
	echo "bench.sh: /usr/bin/time is missing; installing Debian's time package with apt-get" >&2
	apt-get install -y --no-install-recommends time >&2 ||
		{ apt-get update >&2 && apt-get install -y --no-install-recommends time >&2; }
fi

runs=${RUNS:-1}
keep=${BENCH_DIR:+yes}
work=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$work/bin"
[ -n "$keep" ] || trap 'rm -rf "$work"' EXIT

go build -o "$work/bin/casebook" ./cmd/casebook
go build -o "$work/bin/floor" ./internal/corpus/cmd/floor
go build -o "$work/bin/gencorpus" ./internal/corpus/cmd/gencorpus

# seconds converts /usr/bin/time's "h:mm:ss" or "m:ss.ss" to seconds.
seconds() { awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }'; }

# measure OUT CMD...: runs CMD, which writes to OUT, RUNS times and sets
# wall, rss (MB) and files for the fastest run.
measure() {
	local out=$1
	shift
	wall="" rss="" files=""
	for _ in $(seq "$runs"); do
		rm -rf "$out"
		/usr/bin/time -v -o "$work/time.txt" "$@" >"$work/stdout.txt" 2>"$work/stderr.txt" || {
			cat "$work/stderr.txt" "$work/time.txt" >&2
			exit 1
		}
		local w r
		w=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt" | seconds)
		r=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
		if [ -z "$wall" ] || awk -v a="$w" -v b="$wall" 'BEGIN { exit !(a < b) }'; then
			wall=$w rss=$((r / 1024)) files=$(find "$out" -type f | wc -l)
		fi
	done
	rm -rf "$out"
}

sizes=(1000 10000 "$@")
echo "| Cases | Program | Wall time (s) | Peak RSS (MB) | Files written | Build / floor |"
echo "|---:|---|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
	tree="$work/tree-$n"
	if [ ! -f "$tree/content/site.yaml" ]; then
		rm -rf "$tree"
		"$work/bin/gencorpus" -n "$n" -out "$tree"
	fi
	measure "$work/out-floor" "$work/bin/floor" -site "$tree" -out "$work/out-floor"
	fwall=$wall
	echo "| $n | floor | $wall | $rss | $files | |"
	measure "$work/out-build" "$work/bin/casebook" build -site "$tree" -out "$work/out-build"
	ratio=$(awk -v a="$wall" -v b="$fwall" 'BEGIN { printf "%.1f×", a / b }')
	echo "| $n | casebook build | $wall | $rss | $files | $ratio |"
done
