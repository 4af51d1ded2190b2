#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The summary (-c): strace's -U layout and -S order held against strace on the
# same command; percentiles and histograms of calls of known durations, live
# (the kernel's buckets) and from a -W file (exact); --summary-by=tid on
# threads of known call counts; errors by errno; --interval adding up to the
# total; JSON summaries in the JSON Lines stream.
. "$TESTS_SRCDIR/integration/lib.sh"
require_bpf
require_cmd strace
require_cmd python3

H="$HELPERS/sumcalls"

# 1. strace's layout, times aside: the same header, rules, names, counts and
#    column boundaries (rows sorted by calls, then as strace's stable sort leaves them)
layout() {
	# the cells that do not depend on time as they are; the time columns' cells
	# (% time, seconds, usecs/call, shortest, longest) become T
	python3 - "$1" <<'PY'
import re, sys
lines = open(sys.argv[1]).read().splitlines()
rule = next(i for i, l in enumerate(lines) if l.startswith("----"))
spans = [m.span() for m in re.finditer(r"-+", lines[rule])]
head = lines[rule - 1]
timed = [s for s in spans if head[s[0]:s[1]].strip() in
         ("% time", "seconds", "usecs/call", "shortest", "longest")]
for l in lines[rule - 1:]:
    for a, b in timed:
        if not l.startswith("----") and l is not head:
            l = l[:a] + "T" * (b - a) + l[b:]
    print(l)
PY
}
for opts in "-U name,calls,min-time,max-time -S calls" "-S calls -U calls,name,errors" \
	"-S name" "-U name,calls,min-time,max-time,avg-time -S name"; do
	# shellcheck disable=SC2086
	strace -c $opts -o "$T/s.txt" "$H" errors > /dev/null 2>&1
	# shellcheck disable=SC2086
	"$VLTRACE" -q -c $opts -o "$T/v.txt" -- "$H" errors > /dev/null 2>&1
	layout "$T/s.txt" > "$T/s.l"
	layout "$T/v.txt" > "$T/v.l"
	if cmp -s "$T/s.l" "$T/v.l"; then
		pass "-c $opts: strace's layout, names and counts"
	else
		fail "-c $opts: strace's layout, names and counts"
		diff "$T/s.l" "$T/v.l" | head -20
	fi
done

# -S calls with a tie: strace's order
"$VLTRACE" -q -c -S calls -U calls,name -e trace=openat,close -o "$T/v.txt" -- "$H" errors
check "-S calls sorts by calls" \
	test "$(awk 'NR > 2 && !/^-/ { print $2 }' "$T/v.txt" | tr '\n' ' ')" = "openat close total "
check "-U without name adds the name last, as strace" \
	grep -q '^    calls syscall$' "$T/v.txt"
"$VLTRACE" -q -c -S name -e trace=openat,close -o "$T/v.txt" -- "$H" errors
check "-S name sorts by name" \
	test "$(awk 'NR > 2 && !/^-/ { print $6 }' "$T/v.txt" | tr '\n' ' ')" = "close openat total "
check "-w is accepted" "$VLTRACE" -q -c -w -o /dev/null -- /bin/true
check "an unknown -U column is refused in one line" \
	bash -c "! '$VLTRACE' -c -U calls,bogus -- /bin/true 2> '$T/err' &&
		[ \$(wc -l < '$T/err') = 1 ] && grep -q '^vltrace: unknown -U column' '$T/err'"

# 2. Percentiles and histograms: 5 sleeps of each of 1.2, 2.4, 4.8, 9.6 ms
"$VLTRACE" -q -c -e trace=clock_nanosleep -U name,calls,p50,p90,p99,max --histogram \
	-W "$T/sl.vlt" -o "$T/live.txt" -- "$H" sleeps 5
"$VLTRACE" -R "$T/sl.vlt" -c -U name,calls,p50,p90,p99,max --histogram -o "$T/file.txt"
for src in live file; do
	f="$T/$src.txt"
	# A sleep lasts at least its length, more on a loaded machine: at and above
	# [8M, 16M) the 5 of 9.6 ms, at and above [4M, 8M) those and the 5 of 4.8 ms...
	check "$src: the histogram puts no sleep below its length's power of two" python3 -c "
import re, sys
b = {}
for l in open('$f'):
    m = re.match(r'\[(\d+)([KM]?), \S+\) +(\d+) \|', l)
    if m:
        b[int(m.group(1)) * {'': 1, 'K': 1 << 10, 'M': 1 << 20}[m.group(2)]] = int(m.group(3))
at_least = lambda lo: sum(c for k, c in b.items() if k >= lo)
print(b)
sys.exit(not (sum(b.values()) == 20 and at_least(8 << 20) >= 5 and at_least(4 << 20) >= 10
	and at_least(2 << 20) >= 15 and at_least(1 << 20) == 20))"
	check "$src: the histogram is headed @clock_nanosleep: as bpftrace's" \
		grep -qx '@clock_nanosleep: ' "$f"
	# nearest rank of 20: p50 is the 10th (a 2.4 ms sleep), p90 the 18th (9.6 ms)
	read -r p50 p90 p99 pmax < <(awk '$1 == "clock_nanosleep" { print $3, $4, $5, $6 }' "$f")
	check "$src: p50 $p50 s is at least 2.4 ms (the 10th of 20)" \
		python3 -c "import sys; sys.exit(not 0.0024 <= $p50 <= $p90)"
	check "$src: p90 $p90 s and p99 $p99 s at least 9.6 ms (the 18th and 20th), max $pmax" \
		python3 -c "import sys; sys.exit(not (0.0096 <= $p90 <= $p99 <= $pmax))"
done
check "the kernel's histogram is the one of the file's exact durations" \
	bash -c "grep -q '^\[' '$T/live.txt' &&
		cmp -s <(grep '^\[' '$T/live.txt') <(grep '^\[' '$T/file.txt')"
# the kernel's percentiles are within half a bucket (1/16) of the exact ones
live=$(awk '$1 == "clock_nanosleep" { print $3, $4, $5 }' "$T/live.txt")
exact=$(awk '$1 == "clock_nanosleep" { print $3, $4, $5 }' "$T/file.txt")
check "live percentiles ($live) within 1/16 of the file's exact ones ($exact)" \
	python3 -c "
import sys
l = [float(x) for x in '$live'.split()]
e = [float(x) for x in '$exact'.split()]
sys.exit(not (len(l) == len(e) == 3 and
	all(abs(a - b) <= b / 16 + 1e-6 for a, b in zip(l, e))))"
check "live and file count the same 20 calls" \
	test "$(awk '$1 == "total" { print $2 }' "$T/live.txt") $(awk '$1 == "total" { print $2 }' \
		"$T/file.txt")" = "20 20"

# 3. --summary-by=tid: three threads of 100, 200 and 300 getppid calls
"$VLTRACE" -q -f -c -e trace=getppid --summary-by=tid -S calls -U calls,name \
	-W "$T/th.vlt" -o "$T/th.txt" -- "$H" threads
"$VLTRACE" -R "$T/th.vlt" -c -e trace=getppid --summary-by=tid -S calls -U calls,name \
	-o "$T/thr.txt"
for f in th thr; do
	check "$f: --summary-by=tid splits 300 200 100 by thread" \
		test "$(awk 'NR > 2 && !/^-/ { print $1 }' "$T/$f.txt" | tr '\n' ' ')" = \
		"300 200 100 600 "
	check "$f: the rows are threads, not the process" \
		test "$(awk 'NR > 2 && !/^-/ && $2 != "total" { print $2 }' "$T/$f.txt" |
			sort -u | wc -l)" = 3
done
"$VLTRACE" -q -f -c -e trace=getppid --summary-by=comm,syscall -o "$T/cs.txt" -- "$H" threads
check "--summary-by=comm,syscall: a table for the program's name" \
	grep -q '^comm sumcalls:$' "$T/cs.txt"
check "--summary-by=comm,syscall: its getppid calls" \
	grep -qE ' 600 +getppid$' "$T/cs.txt"
# the name comes from the execve in the file: record everything, filter on reading
"$VLTRACE" -q -f -W "$T/all.vlt" -- "$H" threads
"$VLTRACE" -R "$T/all.vlt" -c -e trace=getppid --summary-by=comm,syscall -o "$T/csr.txt"
check "-R --summary-by=comm,syscall: the name its execve gave, as live" \
	grep -q '^comm sumcalls:$' "$T/csr.txt"
check "-R --summary-by=comm,syscall: its getppid calls" \
	grep -qE ' 600 +getppid$' "$T/csr.txt"

# 4. Errors by errno, live and from the file
"$VLTRACE" -q -c --errno-summary -e trace=openat,close -W "$T/er.vlt" -o "$T/er.txt" -- "$H" errors
"$VLTRACE" -R "$T/er.vlt" -c --errno-summary -e trace=openat,close -o "$T/err.txt"
for f in er err; do
	check "$f: openat failed 7 times with ENOENT" grep -qE '^openat +ENOENT +7$' "$T/$f.txt"
	check "$f: close failed 3 times with EBADF" grep -qE '^close +EBADF +3$' "$T/$f.txt"
done

# 5. --interval: summaries whose calls add up to the final total
"$VLTRACE" -q -c --interval=100ms --format=json -e trace=getppid -o "$T/iv.json" -- \
	"$H" bursts 8
check "--interval: the intervals' calls add up to the total of 800" python3 -c "
import json, sys
objs = [json.loads(l) for l in open('$T/iv.json')]
iv = [o for o in objs if o['type'] == 'summary' and o['interval'] is not None]
tot = [o for o in objs if o['type'] == 'summary' and o['interval'] is None]
s = sum(o['total']['calls'] for o in iv)
print('intervals', len(iv), 'sum', s, 'total', tot[-1]['total']['calls'])
sys.exit(not (len(iv) >= 2 and len(tot) == 1 and s == tot[0]['total']['calls'] == 800))"
"$VLTRACE" -q -c --interval=100ms -e trace=getppid -o "$T/iv.txt" -- "$H" bursts 4
check "--interval in text: interval tables, then the total" \
	test "$(grep -c '^--- interval' "$T/iv.txt")" -ge 2 -a "$(grep -c '^--- total' "$T/iv.txt")" = 1
if command -v script > /dev/null; then
	# on a terminal (script(1) gives one) each interval is drawn from the top of the screen
	script -qec "'$VLTRACE' -q -c --interval=100ms -e trace=getppid -- '$H' bursts 4" \
		/dev/null > "$T/tty.txt" 2>&1
	check "--interval on a terminal: each interval redrawn in place" \
		test "$(grep -c $'\e\[H\e\[J--- interval' "$T/tty.txt")" -ge 2
	check "--interval into a file: no terminal codes" \
		bash -c "! grep -q $'\e' '$T/iv.txt'"
fi
check "--interval in text: the total table counts 400" \
	test "$(awk '/^--- total/ { t = 1 } t && $NF == "total" { print $4 }' "$T/iv.txt")" = 400

# 6. JSON: -C gives the calls, then the summary object, all JSON Lines
"$VLTRACE" -q -C --format=json -e trace=getppid --histogram -o "$T/c.json" -- "$H" threads
check "-C --format=json: every line is JSON, calls first, then a summary and its histogram" \
	python3 -c "
import json, sys
objs = [json.loads(l) for l in open('$T/c.json')]
types = [o['type'] for o in objs]
print(types[-2:], len(types))
sys.exit(not (types[-2:] == ['summary', 'histogram'] and types.count('syscall') == 600
	and objs[-2]['rows'][0]['name'] == 'getppid' and objs[-2]['rows'][0]['calls'] == 600))"
check "-C --format=chrome-json is refused in one line: the table would break the trace's JSON" \
	bash -c "! '$VLTRACE' -q -C --format=chrome-json -o '$T/pf.json' -- /bin/true 2> '$T/err' &&
		[ \$(wc -l < '$T/err') = 1 ] && grep -q '^vltrace: --format=chrome-json and -c or -C' '$T/err'"

finish
