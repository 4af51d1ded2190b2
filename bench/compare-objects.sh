#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# bench/compare-objects.sh: the getppid loop traced with -W by several BPF objects
# (vltrace --bpf-object), side by side: how a change to the BPF side moves the cost
# per syscall.  Besides object files, "untraced" and "floor" name the two reference
# variants.  The variants alternate within every round; medians are printed.
#
# usage: VLTRACE=path/to/vltrace bench/compare-objects.sh ROUNDS ITERS VARIANT...
#   e.g. bench/compare-objects.sh 9 2000000 untraced floor base.bpf.o variant.bpf.o
# BENCH_CHILD=fileio runs the open/write/pread/close loop instead of getppid.
# Build a variant object from an edited copy of bpf/vltrace.bpf.c with the flags the
# build uses: clang -g -O2 -target bpf -D__TARGET_ARCH_x86 -Ibpf \
#	-idirafter /usr/include/x86_64-linux-gnu -c copy.bpf.c -o variant.bpf.o
set -u
rounds=${1:?usage: compare-objects.sh ROUNDS ITERS VARIANT...}
iters=${2:?usage: compare-objects.sh ROUNDS ITERS VARIANT...}
shift 2
V=${VLTRACE:-$(command -v vltrace)}
child=${BENCH_CHILD:-getppid}
out=$(mktemp /tmp/vltrace-compare.XXXXXX)
trace=$(mktemp /var/tmp/vltrace-compare.XXXXXX)
trap 'rm -f "$out" "$trace"' EXIT
declare -A res
for r in $(seq "$rounds"); do
	n=$#
	for i in $(seq 0 $((n - 1))); do
		# rotate the order from round to round
		idx=$(((i + r) % n + 1))
		v=${!idx}
		case $v in
		untraced) cmd=("$V" --bench-child "$child" "$iters") ;;
		floor) cmd=("$V" -q --floor -o /dev/null -- "$V" --bench-child "$child" "$iters") ;;
		*) cmd=("$V" -q --bpf-object "$v" -W "$trace" -- "$V" --bench-child "$child" "$iters") ;;
		esac
		VLTRACE_BENCH_FD=9 "${cmd[@]}" 9> "$out" || { echo "compare-objects: $v failed" >&2; exit 1; }
		read -r calls wall _ < "$out"
		res[$v]="${res[$v]:-} $(awk -v w="$wall" -v c="$calls" 'BEGIN { printf "%.1f", w / c }')"
	done
done
printf '%-40s %12s   %s\n' variant "median ns" "all rounds"
for v in "$@"; do
	med=$(printf '%s\n' ${res[$v]} | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
	printf '%-40s %12s  %s\n' "$v" "$med" "${res[$v]}"
done
