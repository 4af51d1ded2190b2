#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# bench/compare-pipeline.sh: several builds of bench/pipeline-bench side by side: how a
# change to the user-space pipeline (readers, merger, writer, trace file encoding) moves
# its speed and the CPU it takes per record.  Each binary runs one round of
# pipeline-bench per round of this script, in an order that rotates from round to round;
# printed are the medians, and the median of each round's ratio to the first binary,
# which a busy machine moves less than the absolute figures.
#
# usage: bench/compare-pipeline.sh ROUNDS BINARY... [-- PIPELINE-BENCH-ARGS...]
#   e.g. bench/compare-pipeline.sh 11 old/pipeline-bench new/pipeline-bench -- -n 10000000 -o /dev/null
# Binaries must be builds of pipeline-bench that print "ns CPU a record".
set -u
usage="usage: compare-pipeline.sh ROUNDS BINARY... [-- PIPELINE-BENCH-ARGS...]"
rounds=${1:?$usage}
shift
bins=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
	bins+=("$1")
	shift
done
[ $# -gt 0 ] && shift
[ ${#bins[@]} -gt 0 ] || { echo "$usage" >&2; exit 2; }
n=${#bins[@]}
declare -A rate cpu
for r in $(seq "$rounds"); do
	for i in $(seq 0 $((n - 1))); do
		k=$(((i + r) % n))
		line=$("${bins[$k]}" -r 1 "$@" | grep '^median:') ||
			{ echo "compare-pipeline: ${bins[$k]} failed" >&2; exit 1; }
		# median: 32.83 M records/s, 1707 MB/s, 26.2 ns CPU a record (...)
		rate[$k,$r]=$(echo "$line" | awk '{ print $2 }')
		cpu[$k,$r]=$(echo "$line" | awk '{ print $7 }')
	done
done

med() {
	sort -g | awk '{ a[NR] = $1 } END { printf "%.2f", NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

span() {
	sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s-%s", lo, hi }'
}

echo "pipeline-bench $*: $rounds rounds, medians (min-max); ratio: the median of each round's value over the first binary's"
printf '%-40s %12s %12s %6s %16s %12s %6s\n' binary "M records/s" min-max ratio "ns CPU a record" min-max ratio
for k in $(seq 0 $((n - 1))); do
	rs=() rr=() cs=() cr=()
	for r in $(seq "$rounds"); do
		rs+=("${rate[$k,$r]}")
		cs+=("${cpu[$k,$r]}")
		rr+=("$(awk -v a="${rate[$k,$r]}" -v b="${rate[0,$r]}" 'BEGIN { print a / b }')")
		cr+=("$(awk -v a="${cpu[$k,$r]}" -v b="${cpu[0,$r]}" 'BEGIN { print a / b }')")
	done
	printf '%-40s %12s %12s %6s %16s %12s %6s\n' "${bins[$k]}" \
		"$(printf '%s\n' "${rs[@]}" | med)" "$(printf '%s\n' "${rs[@]}" | span)" \
		"$(printf '%s\n' "${rr[@]}" | med)" \
		"$(printf '%s\n' "${cs[@]}" | med)" "$(printf '%s\n' "${cs[@]}" | span)" \
		"$(printf '%s\n' "${cr[@]}" | med)"
done
