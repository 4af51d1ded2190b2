#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Fidelity to strace: ordinary commands, and a program that makes a call of every
# family vltrace decodes (families.c), each traced by strace and by vltrace with
# the same options (-f -o; -f -s 64 -o; -f -e trace=%file -o).  Per command and
# in total: the share of (syscall, return value) pairs that match, per thread,
# and the share of lines identical once what differs between any two runs is
# normalized (pids, addresses, numbers of three digits or more, times: compare.py
# --lines; and getrandom's bytes, random by nature).
#
# Goals (issue 5): >= 99.5% of (syscall, return) pairs, >= 95% identical lines.
# Both are asserted on the totals, where find's ~2500 lines weigh most; the mean
# over the 27 runs is printed too.  Measured on the development machine (make
# check TESTS=tests/integration/fidelity.sh): totals 0.9994 and 0.9979, means
# 0.9993 and 0.9965.  FIDELITY_VERBOSE=1 shows every line that differs.
. "$TESTS_SRCDIR/integration/lib.sh"
require_bpf
require_cmd strace
require_cmd tar
[ -x /usr/bin/python3 ] || skip_or_fail "/usr/bin/python3 is not installed"

CALLS_GOAL=0.995
LINES_GOAL=0.95

W="$T/work"
mkdir -p "$W"
cd "$W" || exit 99
printf 'some text for cat, cp and tar\n' > input
tar cf archive.tar input

# Each command runs from $W with relative paths, so both tracers see the same
# arguments; prepare puts the directory back in the state the command expects.
prepare() {
	rm -rf copy made.tar xdir fam
	mkdir -p xdir fam
}

commands=(
	"ls -la /usr"
	"cat input"
	"cp input copy"
	"tar cf made.tar input"
	"tar xf archive.tar -C xdir"
	"/usr/bin/python3 -c 'import os; print(os.getpid())'"
	"sh -c 'echo hi | cat | wc -c'"
	"find /usr/share/doc -maxdepth 1"
	"families"
)
passes=("-f" "-f -s 64" "-f -e trace=%file")

# getrandom fills its buffer with random bytes: equal only by chance
norm_random() {
	sed -E 's/((^|[] ])getrandom\(|<\.\.\. getrandom resumed>)"[^"]*"(\.\.\.)?/\1"RANDOM"/' \
		"$1" > "$1.n"
}

run_cmd() {
	# run_cmd TRACER_ARGS... -- COMMAND: the command from the list, in $W
	local cmd=${*: -1}
	local n=$(($# - 1))

	prepare
	if [ "$cmd" = families ]; then
		(cd fam && "${@:1:$n}" "$HELPERS/families") > /dev/null 2>&1
	else
		eval "${@:1:$n} $cmd" > /dev/null 2>&1
	fi
}

tot_m=0 tot_c=0 tot_l=0
runs=0 sum_calls=0 sum_lines=0
i=0
for opts in "${passes[@]}"; do
	for cmd in "${commands[@]}"; do
		i=$((i + 1))
		# shellcheck disable=SC2086
		run_cmd strace $opts -o "$T/s$i" "$cmd"
		# shellcheck disable=SC2086
		run_cmd "$VLTRACE" $opts -o "$T/v$i" -- "$cmd"
		norm_random "$T/s$i"
		norm_random "$T/v$i"
		python3 "$TESTS_SRCDIR/integration/compare.py" "$T/s$i.n" "$T/v$i.n" --lines \
			> "$T/c$i" 2>&1
		m=$(sed -n 's|^(name, ret) matched: \([0-9]*\)/\([0-9]*\) .*|\1 \2|p' "$T/c$i")
		l=$(sed -n 's|^identical lines after normalizing: \([0-9]*\)/.*|\1|p' "$T/c$i")
		if [ -z "$m" ] || [ -z "$l" ]; then
			fail "compare.py measured $cmd ($opts)"
			show "$T/c$i"
			continue
		fi
		set -- $m
		tot_m=$((tot_m + $1)) tot_c=$((tot_c + $2)) tot_l=$((tot_l + l))
		runs=$((runs + 1))
		sum_calls=$(awk "BEGIN{print $sum_calls + $1/$2}")
		sum_lines=$(awk "BEGIN{print $sum_lines + $l/$2}")
		printf '# %-52s %-22s calls %4d/%-4d = %s  lines %4d/%-4d = %s\n' "$cmd" "$opts" \
			"$1" "$2" "$(awk "BEGIN{printf \"%.4f\", $1/$2}")" "$l" "$2" \
			"$(awk "BEGIN{printf \"%.4f\", $l/$2}")"
		if [ "${FIDELITY_VERBOSE:-0}" = 1 ]; then
			grep -v '^(name\|^identical' "$T/c$i" | sed 's/^/#   /'
		fi
	done
done

calls=$(awk "BEGIN{printf \"%.4f\", $tot_m/$tot_c}")
lines=$(awk "BEGIN{printf \"%.4f\", $tot_l/$tot_c}")
echo "# total: (syscall, return) $tot_m/$tot_c = $calls; identical lines $tot_l/$tot_c = $lines"
awk "BEGIN{printf \"# mean over %d runs: (syscall, return) %.4f; identical lines %.4f\n\", \
	$runs, $sum_calls/$runs, $sum_lines/$runs}"
check "(syscall, return) pairs match strace's: $calls >= $CALLS_GOAL" \
	awk "BEGIN{exit !($calls >= $CALLS_GOAL)}"
check "lines identical to strace's after normalizing: $lines >= $LINES_GOAL" \
	awk "BEGIN{exit !($lines >= $LINES_GOAL)}"
finish
