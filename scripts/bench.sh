#!/usr/bin/env bash
# Process benchmark (make bench-process): times `casebook build` and the
# floor program (internal/corpus/cmd/floor) as processes on generated trees
# of 1,000 and 10,000 cases, plus any sizes given as arguments:
#
#	scripts/bench.sh            # 1k and 10k
#	scripts/bench.sh 50000      # 1k, 10k and 50k
#	SIZES=1000 scripts/bench.sh # 1k only
#
# For each size and each output disk it reports wall and CPU time, peak RSS
# (from /usr/bin/time -v), the files and bytes written and the largest file,
# and prints a Markdown table with the ratio build/floor, run side by side.
# The outputs go to each folder of OUT_DIRS (default: /dev/shm, a tmpfs, and
# the temp folder, on the disk), so that the cost of creating files on a real
# disk shows. A last column checks the output against the static hosts'
# limits (docs/performance.md, "Output budget"): at 10,000 cases at most
# 20,000 files and 600 MB, no file over 25 MiB; files and bytes scale with
# the number of cases.
# Trees are generated once into BENCH_DIR (default: a temp folder, removed at
# the end) and reused when BENCH_DIR is set. Each program runs RUNS times
# (default 1), the runs going round the sizes and disks, and the fastest run
# is kept, but for the peak RSS, which is the highest of the runs; a last
# line per disk gives each size's build against the first size's
# (linearity). The page cache is warm for both,
# and each starts after a sync, so that neither pays for the writes of the
# program before it (the writing back of its own, after it exits, is not
# timed: as when a maintainer runs a build) and, on a disk, at least a
# minute after the benchmark last removed an output (see settle below).
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

# remove PATH removes a tree the benchmark wrote, and notes when if it was
# on a disk: ext4 without a journal (this machine's disk) does not reuse an
# inode within 60 seconds of its deletion, 360 while the inode's table block
# is not yet written back (RECENTCY_MIN and RECENTCY_DIRTY in the kernel's
# fs/ext4/ialloc.c), and checks every such inode again for each new file,
# so a program run just after tens of thousands of files were deleted
# spends seconds more in the kernel creating its own (a 10k build: 18.7 s
# of system time instead of 5.5 s). settle waits SETTLE seconds (default
# 61; 0 measures right after a removal) before a program writes to a disk:
# the sync after the removal writes the blocks back, so a minute removes
# most of the cost, but blocks the timed program writes to again count the
# older deletions for 360 s; SETTLE=361 removes all of it.
settle_s=${SETTLE:-61}
removed_at=""
ondisk() { [ "$(df --output=fstype "$(dirname "$1")" | tail -1)" != tmpfs ]; }
remove() {
	[ -e "$1" ] || return 0
	rm -rf "$1"
	sync
	if ondisk "$1"; then removed_at=$(date +%s); fi
}
settle() {
	[ -n "$removed_at" ] && ondisk "$1" || return 0
	local left=$((removed_at + settle_s - $(date +%s)))
	if [ "$left" -gt 0 ]; then sleep "$left"; fi
	removed_at=""
}

# measure KEY OUT CMD...: runs CMD, which writes to OUT, once, and keeps
# for KEY the wall, cpu (user + system, s), files, mb and largest (MiB) of
# its fastest run so far, and the highest peak RSS (MB) of its runs: the
# peak moves by tens of megabytes from one run to the next, and a limit on
# memory is about the worst run.
declare -A wall cpu rss files mb largest
measure() {
	local key=$1 out=$2
	shift 2
	remove "$out"
	settle "$out"
	# Start from a quiet disk: without this, a program pays for writing
	# back what the one before it wrote.
	sync
	/usr/bin/time -v -o "$work/time.txt" "$@" >"$work/stdout.txt" 2>"$work/stderr.txt" || {
		cat "$work/stderr.txt" "$work/time.txt" >&2
		exit 1
	}
	local w r u sy
	w=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt" | seconds)
	r=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
	u=$(sed -n 's/.*User time (seconds): //p' "$work/time.txt")
	sy=$(sed -n 's/.*System time (seconds): //p' "$work/time.txt")
	if [ -z "${rss[$key]:-}" ] || [ $((r / 1024)) -gt "${rss[$key]}" ]; then
		rss[$key]=$((r / 1024))
	fi
	if [ -z "${wall[$key]:-}" ] || awk -v a="$w" -v b="${wall[$key]}" 'BEGIN { exit !(a < b) }'; then
		wall[$key]=$w cpu[$key]=$(awk -v a="$u" -v b="$sy" 'BEGIN { printf "%.1f", a + b }')
		files[$key]=$(find "$out" -type f | wc -l)
		mb[$key]=$(find "$out" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%.0f", s / 1e6 }')
		largest[$key]=$(find "$out" -type f -printf '%s\n' | sort -n | tail -1 | awk '{ printf "%.1f", $1 / 1048576 }')
	fi
	remove "$out"
}

# budget N KEY: whether the output of N cases is within the hosts' limits,
# scaled from 10,000 cases.
budget() {
	awk -v n="$1" -v f="${files[$2]}" -v m="${mb[$2]}" -v l="${largest[$2]}" 'BEGIN {
		ok = f <= 20000 * n / 10000 && m <= 600 * n / 10000 && l <= 25
		printf "%s (%d files, %d MB)", ok ? "within" : "OVER", 20000 * n / 10000, 600 * n / 10000
	}'
}

read -r -a sizes <<<"${SIZES:-1000 10000}"
sizes+=("$@")
read -r -a outdirs <<<"${OUT_DIRS:-/dev/shm $work}"
# What else holds memory, for reading the figures: files left on a tmpfs
# are memory too, and a machine short of it slows every program.
awk '/^MemAvailable:/ { printf "Memory available at the start: %.1f GiB", $2 / 1048576 }' /proc/meminfo
if [ -d /dev/shm ]; then
	df --block-size=1K --output=fstype,used /dev/shm | awk 'NR == 2 && $1 == "tmpfs" { printf "; /dev/shm holds %.1f GiB", $2 / 1048576 }' || true
fi
echo
echo
for n in "${sizes[@]}"; do
	tree="$work/tree-$n"
	if [ ! -f "$tree/content/site.yaml" ]; then
		remove "$tree"
		"$work/bin/gencorpus" -n "$n" -out "$tree"
	fi
done
# The runs go round the sizes and disks, RUNS times, rather than one size
# after the other: this machine gets slower under a long load, and a size
# measured last would pay for it (a 50k build took 6.9 times a 10k build
# measured ten minutes before it, 4.7 and 5.4 times when the two
# alternated; docs/performance.md).
for run in $(seq "$runs"); do
	for n in "${sizes[@]}"; do
		echo "bench.sh: run $run of $runs, $n cases" >&2
		tree="$work/tree-$n"
		# Read the tree, untimed: both programs then find it in the page
		# cache, whatever ran before (otherwise the first program to run,
		# the floor, would pay for reading a tree the cache had dropped).
		find "$tree" -type f -exec cat {} + >/dev/null
		for dir in "${outdirs[@]}"; do
			measure "$n $dir floor" "$dir/bench-out-floor" "$work/bin/floor" -site "$tree" -out "$dir/bench-out-floor"
			measure "$n $dir build" "$dir/bench-out-build" "$work/bin/casebook" build -site "$tree" -out "$dir/bench-out-build"
		done
	done
done
echo "| Cases | Output on | Program | Wall time (s) | CPU (s) | Peak RSS, highest (MB) | Files | MB | Largest file (MiB) | Build / floor | Budget |"
echo "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---|"
for n in "${sizes[@]}"; do
	for dir in "${outdirs[@]}"; do
		fs=$(df --output=fstype "$dir" | tail -1)
		f="$n $dir floor" b="$n $dir build"
		echo "| $n | $fs | floor | ${wall[$f]} | ${cpu[$f]} | ${rss[$f]} | ${files[$f]} | ${mb[$f]} | ${largest[$f]} | | |"
		ratio=$(awk -v a="${wall[$b]}" -v c="${wall[$f]}" 'BEGIN { printf "%.1f×", a / c }')
		echo "| $n | $fs | casebook build | ${wall[$b]} | ${cpu[$b]} | ${rss[$b]} | ${files[$b]} | ${mb[$b]} | ${largest[$b]} | $ratio | $(budget "$n" "$b") |"
	done
done
# How the build grows: each size's fastest build against the smallest
# size's, beside the ratio of the numbers of cases.
if [ "${#sizes[@]}" -gt 1 ]; then
	echo
	for dir in "${outdirs[@]}"; do
		fs=$(df --output=fstype "$dir" | tail -1)
		base=${sizes[0]}
		for n in "${sizes[@]:1}"; do
			awk -v n="$n" -v b="$base" -v fs="$fs" -v a="${wall["$n $dir build"]}" -v c="${wall["$base $dir build"]}" \
				'BEGIN { printf "Build on %s: %d cases take %.2f times the wall time of %d cases (%.0f times the cases)\n", fs, n, a / c, b, n / b }'
		done
	done
fi
