#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# --filter: each field and operator on a trace whose calls are known (callmix),
# checked against the same selection computed by python3 from the JSON output
# of the whole trace; and the same filter live and with -R selects the same calls.
. "$TESTS_SRCDIR/integration/lib.sh"
require_bpf
require_cmd python3

mkdir -p "$T/d/log"
"$VLTRACE" -q -f -W "$T/t.vlt" -- "$HELPERS/callmix" "$T/d" 2> "$T/werr"
check "callmix traced" [ -s "$T/t.vlt" ]
"$VLTRACE" -R "$T/t.vlt" --format=json > "$T/all.json"
parent=$(python3 -c '
import json, sys
print(json.loads(open(sys.argv[1]).readline())["pid"])' "$T/all.json")
child=$(python3 -c '
import json, sys
for l in open(sys.argv[1]):
    r = json.loads(l)
    if r["type"] == "fork" and not r["thread"]:
        print(r["child_pid"]); break' "$T/all.json")
check "the trace has the parent ($parent) and its child ($child)" test -n "$parent" -a -n "$child"

# EXPR <tab> python predicate over one JSON call r (helpers: fds, paths, arg, ms)
cat > "$T/cases" <<CASES
syscall = getppid	r["name"] == "getppid"
syscall != getppid	r["name"] != "getppid"
syscall in (write, close)	r["name"] in ("write", "close")
syscall = clock_*	r["name"].startswith("clock_")
syscall ~ "get?pid"	fnmatch.fnmatchcase(r["name"], "get?pid")
syscall ~ "*pid"	fnmatch.fnmatchcase(r["name"], "*pid")
pid = $child	r["pid"] == $child
pid != $parent	r["pid"] != $parent
tid = $parent	r["tid"] == $parent
tid > $parent	r["tid"] > $parent
comm = callmix	True
comm ~ "call*" and syscall = getppid	r["name"] == "getppid"
comm != callmix	False
ret < 0	r["ret"] is not None and r["ret"] < 0
ret = 5	r["ret"] == 5
ret >= 6	r["ret"] is not None and r["ret"] >= 6
ret <= -9	r["ret"] is not None and r["ret"] <= -9
ret > 4 and syscall = write	r["name"] == "write" and r["ret"] > 4
errno = ENOENT	r["errno"] == "ENOENT"
errno in (EBADF, EAGAIN)	r["errno"] in ("EBADF", "EAGAIN")
errno != EAGAIN and ret < 0	r["errno"] not in (None, "EAGAIN")
errno = 9	r["errno"] == "EBADF"
dur > 1ms	ms(r) > 1
dur >= 2500us and syscall = clock_nanosleep	r["name"] == "clock_nanosleep" and ms(r) >= 2.5
dur < 1ms and syscall = clock_nanosleep	r["name"] == "clock_nanosleep" and ms(r) < 1
fd = 9	9 in fds(r)
fd in (3, 9)	3 in fds(r) or 9 in fds(r)
fd != 9	9 not in fds(r)
path ~ "$T/d/*"	any(p.startswith("$T/d/") for p in paths(r))
path = "$T/d/log/missing"	"$T/d/log/missing" in paths(r)
arg0 = 77	arg(r, 0) == 77
arg2 = 6 and syscall = write	r["name"] == "write" and arg(r, 2) == 6
arg0 > 70 and syscall = close	r["name"] == "close" and arg(r, 0) > 70
not syscall = getppid and pid = $child	r["name"] != "getppid" and r["pid"] == $child
(syscall = write or syscall = close) and not fd = 9	r["name"] in ("write", "close") and 9 not in fds(r)
syscall = getppid or errno = ENOENT and pid = $parent	r["name"] == "getppid" or (r["errno"] == "ENOENT" and r["pid"] == $parent)
cpu >= 0	True
cpu = 0 or cpu != 0	True
CASES

cat > "$T/check.py" <<'PY'
import fnmatch, json, sys

def calls(path):
    out = []
    for l in open(path):
        r = json.loads(l)
        if r["type"] == "syscall":
            out.append(r)
    return out

def fds(r):
    return [a["value"] for a in r.get("args", []) if a["type"] in ("FD", "DIRFD")]

def paths(r):
    return [a["data"] for a in r.get("args", []) if a["type"] == "PATH" and "data" in a]

def arg(r, i):
    return int(r["raw"][i], 16)

def ms(r):
    return r.get("dur_ns", 0) / 1e6

def key(r):
    return (r["ts"], r["tid"], r["name"], r["ret"])

allc, got, pred = calls(sys.argv[1]), calls(sys.argv[2]), sys.argv[3]
if not allc:
    print("no calls in the reference output")
    sys.exit(1)
want = [key(r) for r in allc if eval(pred)]
have = [key(r) for r in got]
if want != have:
    print("want %d calls, got %d" % (len(want), len(have)))
    for k in sorted(set(want) ^ set(have))[:10]:
        print("  %s %s" % ("missing" if k in want else "extra", k))
    sys.exit(1)
print("%d calls" % len(want))
PY

while IFS=$'\t' read -r expr pred; do
	"$VLTRACE" -R "$T/t.vlt" --filter "$expr" --format=json > "$T/got.json" 2> "$T/err"
	if out=$(python3 "$T/check.py" "$T/all.json" "$T/got.json" "$pred" 2>&1); then
		pass "-R --filter '$expr': the calls python3 selects ($out)"
	else
		fail "-R --filter '$expr': the calls python3 selects"
		echo "$out" | sed 's/^/    /'
		show "$T/err"
	fi
done < "$T/cases"

# events: pid = child leaves out the parent's exit, keeps the child's
"$VLTRACE" -R "$T/t.vlt" --filter "pid = $child" > "$T/pid.txt"
check "pid = $child: the child's exit line is shown" grep -q "^\[pid *$child\] +++ exited" "$T/pid.txt"
check "pid = $child: the parent's exit line is not" bash -c "! grep -q '^\[pid *$parent\] +++' '$T/pid.txt'"
check "pid = $child: only the child's lines" bash -c "! grep -v '^\[pid *$child\] ' '$T/pid.txt'"

# -e trace= and the %class give the same calls
"$VLTRACE" -R "$T/t.vlt" --filter 'syscall = %desc' --format=json > "$T/desc1.json"
"$VLTRACE" -R "$T/t.vlt" -e trace=%desc --format=json > "$T/desc2.json"
check "syscall = %desc selects what -e trace=%desc selects" \
	python3 "$T/check.py" "$T/desc2.json" "$T/desc1.json" True

# tcpdump style: the words after -R FILE
n=$("$VLTRACE" -R "$T/t.vlt" syscall = getppid and pid = "$parent" | grep -c getppid)
check "-R FILE syscall = getppid and pid = $parent: 5 calls (got $n)" [ "$n" = 5 ]

# a bad expression: one line, with the column, exit 1
"$VLTRACE" -R "$T/t.vlt" --filter 'dur > 1' > /dev/null 2> "$T/bad"
st=$?
check "a bad filter exits 1 (got $st)" [ "$st" = 1 ]
check "a bad filter: one line that gives the column" \
	bash -c "[ \$(wc -l < '$T/bad') = 1 ] && grep -q '^vltrace: .*at column 7: ' '$T/bad'"

# live and -R select the same calls: one run prints the filtered calls and
# writes the whole trace, which -R then filters the same way
for expr in 'dur > 1ms' "fd = 9" 'errno != EAGAIN and ret < 0' "path ~ \"$T/d/*\"" \
	'comm = callmix and syscall in (getppid, write)' 'tid != 1 and syscall = getppid'; do
	rm -rf "$T/d/log"; mkdir -p "$T/d/log"
	"$VLTRACE" -q -f -W "$T/live.vlt" -o "$T/live.json" --format=json --filter "$expr" \
		-- "$HELPERS/callmix" "$T/d" 2> "$T/lerr"
	"$VLTRACE" -R "$T/live.vlt" --filter "$expr" --format=json > "$T/read.json"
	if out=$(python3 "$T/check.py" "$T/read.json" "$T/live.json" True 2>&1) &&
		[ "$out" != "0 calls" ]; then
		pass "live --filter '$expr' selects what -R --filter selects ($out)"
	else
		fail "live --filter '$expr' selects what -R --filter selects"
		echo "$out" | sed 's/^/    /'
	fi
done
finish
