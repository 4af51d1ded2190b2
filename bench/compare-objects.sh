#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# bench/compare-objects.sh: a syscall loop traced with -W in several ways, side by
# side: how a change to the BPF side, the buffer kind or the pipeline's settings
# moves the cost per syscall.  The variants alternate within every round (the order
# rotates from round to round); medians are printed.  A variant is one of:
#   untraced, floor      the two references
#   W                    vltrace -W as built
#   FILE.o               vltrace -W --bpf-object FILE.o (a BPF object variant)
#   buffer:KIND          vltrace -W --buffer KIND (ring, ringbuf, perf)
#   raw                  vltrace -W -e raw=all (no argument read)
#   tune:SPEC            vltrace -W with VLTRACE_TUNE=SPEC (src/pipeline.h: poll_ms,
#                        chunk, block, direct, ...)
#   W@BINARY, floor@BINARY  -W or the floor with another vltrace binary (an older
#                        build, to compare a change that is not only in the BPF object)
#
# usage: VLTRACE=path/to/vltrace bench/compare-objects.sh ROUNDS ITERS VARIANT...
#   e.g. bench/compare-objects.sh 9 2000000 untraced floor base.bpf.o variant.bpf.o
# BENCH_CHILD=fileio runs the open/write/pread/close loop instead of getppid.
# Printed per variant: the median ns per syscall and, for the traced ones, the median
# tracer CPU per record (the tracer's user + system time from GNU time, less the
# workload's own CPU, over the records VLTRACE_STATS_FD counts) and the records lost in all.
# Build a variant object from an edited copy of bpf/vltrace.bpf.c with the flags the
# build uses: clang -g -O2 -target bpf -mcpu=v3 -D__TARGET_ARCH_x86 -Ibpf \
#	-idirafter /usr/include/x86_64-linux-gnu -c copy.bpf.c -o variant.bpf.o
set -u
rounds=${1:?usage: compare-objects.sh ROUNDS ITERS VARIANT...}
iters=${2:?usage: compare-objects.sh ROUNDS ITERS VARIANT...}
shift 2
V=${VLTRACE:-$(command -v vltrace)}
child=${BENCH_CHILD:-getppid}
out=$(mktemp /tmp/vltrace-compare.XXXXXX)
ru=$(mktemp /tmp/vltrace-compare.XXXXXX)
st=$(mktemp /tmp/vltrace-compare.XXXXXX)
trace=$(mktemp /var/tmp/vltrace-compare.XXXXXX)
trap 'rm -f "$out" "$ru" "$st" "$trace"' EXIT
declare -A res cpu lost
for r in $(seq "$rounds"); do
	n=$#
	for i in $(seq 0 $((n - 1))); do
		# rotate the order from round to round
		idx=$(((i + r) % n + 1))
		v=${!idx}
		tune=
		run=("$V" --bench-child "$child" "$iters")
		case $v in
		untraced) cmd=("${run[@]}") ;;
		floor) cmd=("$V" -q --floor -o /dev/null -- "${run[@]}") ;;
		W) cmd=("$V" -q -W "$trace" -- "${run[@]}") ;;
		W@*) cmd=("${v#W@}" -q -W "$trace" -- "${run[@]}") ;;
		floor@*) cmd=("${v#floor@}" -q --floor -o /dev/null -- "${run[@]}") ;;
		raw) cmd=("$V" -q -e raw=all -W "$trace" -- "${run[@]}") ;;
		buffer:*) cmd=("$V" -q --buffer "${v#buffer:}" -W "$trace" -- "${run[@]}") ;;
		tune:*)
			tune=${v#tune:}
			cmd=("$V" -q -W "$trace" -- "${run[@]}")
			;;
		*) cmd=("$V" -q --bpf-object "$v" -W "$trace" -- "${run[@]}") ;;
		esac
		: >"$st"
		VLTRACE_TUNE=$tune VLTRACE_BENCH_FD=9 VLTRACE_STATS_FD=8 \
			/usr/bin/time -f "%U %S" -o "$ru" "${cmd[@]}" 9> "$out" 8> "$st" ||
			{ echo "compare-objects: $v failed" >&2; exit 1; }
		read -r calls wall wcpu _ < "$out"
		res[$v]="${res[$v]:-} $(awk -v w="$wall" -v c="$calls" 'BEGIN { printf "%.1f", w / c }')"
		read -r _ recs _ nlost _ < "$st"
		[[ ${nlost:-} =~ ^[0-9]+$ ]] && lost[$v]=$((${lost[$v]:-0} + nlost))
		if [[ ${recs:-} =~ ^[1-9][0-9]*$ ]]; then
			cpu[$v]="${cpu[$v]:-} $(tail -n 1 "$ru" | awk -v w="$wcpu" -v n="$recs" \
				'{ c = $1 + $2 - w / 1e9; printf "%.1f", (c > 0 ? c : 0) * 1e9 / n }')"
		fi
	done
done
med() {
	printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

printf '%-40s %12s   %s\n' variant "median ns" "all rounds"
for v in "$@"; do
	# shellcheck disable=SC2086
	printf '%-40s %12s  %s\n' "$v" "$(med ${res[$v]})" "${res[$v]}"
done
echo
printf '%-40s %12s %12s   %s\n' variant "lost" "tracer CPU" "ns a record, all rounds"
for v in "$@"; do
	[ -n "${cpu[$v]:-}" ] || continue
	# shellcheck disable=SC2086
	printf '%-40s %12s %12s  %s\n' "$v" "${lost[$v]:-0}" "$(med ${cpu[$v]})" "${cpu[$v]}"
done
