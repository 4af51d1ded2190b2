#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# -R with -p, -N and -f chooses processes of the file; --since and --until
# choose exactly the records of a time window, and step over the blocks
# outside it without reading them.
. "$TESTS_SRCDIR/integration/lib.sh"
require_bpf
require_cmd python3

mkdir -p "$T/d/log"
"$VLTRACE" -q -f -W "$T/t.vlt" -- sh -c "'$HELPERS/callmix' '$T/d'; true" 2> "$T/werr"
"$VLTRACE" -R "$T/t.vlt" --format=json > "$T/all.json"
# the shell, the callmix it forks (which execs), and the child callmix forks
read -r sh cm kid < <(python3 -c '
import json, sys
rs = [json.loads(l) for l in open(sys.argv[1])]
sh = rs[0]["pid"]
forks = [r for r in rs if r["type"] == "fork" and not r["thread"]]
cm = [r["child_pid"] for r in forks if r["pid"] == sh][0]
kid = [r["child_pid"] for r in forks if r["pid"] == cm][0]
print(sh, cm, kid)' "$T/all.json")
check "three processes in the trace: sh $sh, callmix $cm, its child $kid" test -n "$kid"

pids_of() {
	"$VLTRACE" -R "$T/t.vlt" --format=json "$@" |
		python3 -c 'import json, sys; print(" ".join(sorted(set(str(json.loads(l)["pid"]) for l in sys.stdin))))'
}
check "-R -p $cm: only its records" [ "$(pids_of -p "$cm")" = "$cm" ]
check "-R -p $cm -f: it and its child" [ "$(pids_of -p "$cm" -f)" = "$(echo "$cm $kid" | tr ' ' '\n' | sort | tr '\n' ' ' | sed 's/ $//')" ]
check "-R -p $sh,$kid: those two" [ "$(pids_of -p "$sh,$kid")" = "$(echo "$sh $kid" | tr ' ' '\n' | sort | tr '\n' ' ' | sed 's/ $//')" ]
check "-R -N sh: the shell only, not the child it forks" [ "$(pids_of -N sh)" = "$sh" ]
check "-R -N callmix: the process that execs callmix (its child is not named by an exec)" \
	[ "$(pids_of -N callmix)" = "$cm" ]
n=$("$VLTRACE" -R "$T/t.vlt" -N callmix | grep -c '^\[pid *[0-9]*\] execve(')
check "-R -N callmix: its execve is shown, whole ($n)" [ "$n" = 1 ]
n=$("$VLTRACE" -R "$T/t.vlt" -p "$cm" -e trace=getppid -z | grep -c getppid)
check "-R -p $cm -e trace=getppid -z: its 5 getppid calls ($n)" [ "$n" = 5 ]

# A process traced from the start (-p) execs nothing in the trace: the file's
# header names it, so -N and comm work on the file
"$HELPERS/callmix" --slow 0 400 &
pid=$!
sleep 0.3
"$VLTRACE" -q -p "$pid" -W "$T/p.vlt" 2> /dev/null
wait "$pid"
all=$("$VLTRACE" -R "$T/p.vlt" | grep -c 'clock_nanosleep(')
n=$("$VLTRACE" -R "$T/p.vlt" --filter 'comm = callmix' | grep -c 'clock_nanosleep(')
check "-p then -R --filter 'comm = callmix': every call of the attached process ($n of $all)" \
	test "$all" -gt 0 -a "$n" = "$all"
n=$("$VLTRACE" -R "$T/p.vlt" -N callmix | grep -c 'clock_nanosleep(')
check "-p then -R -N callmix: every call of the attached process ($n of $all)" test "$n" = "$all"

# A file of several blocks: 300 naps of 2 ms; the merger seals a block every 50 ms.
"$VLTRACE" -q -W "$T/s.vlt" -- "$HELPERS/callmix" --slow 0 300
"$VLTRACE" -R "$T/s.vlt" --format=json > "$T/s.json"
cat > "$T/win.py" <<'PY'
import json, sys, time
# what a window [S, U] must hold: calls whole, cut at one end, or not at all
rs = [json.loads(l) for l in open(sys.argv[1])]
got = [json.loads(l) for l in open(sys.argv[2])]
S, U = int(sys.argv[3]), int(sys.argv[4])
want = []
for r in rs:
    if r["type"] != "syscall":
        if S <= r["ts"] <= U:
            want.append((r["ts"], r["type"]))
        continue
    e = r["ts"]
    x = e + r["dur_ns"] if r.get("dur_ns") is not None else None
    if x is None:
        if S <= e <= U:
            want.append((e, "entry"))
    elif S <= e <= U and S <= x <= U:
        want.append((e, "whole"))
    elif S <= e <= U:
        want.append((e, "entry"))
    elif S <= x <= U:
        want.append((x, "exit"))
have = []
for r in got:
    if r["type"] != "syscall":
        have.append((r["ts"], r["type"]))
    elif "args" not in r:
        have.append((r["ts"], "exit"))
    elif r["ret"] is None:
        have.append((r["ts"], "entry"))
    else:
        have.append((r["ts"], "whole"))
if want != have:
    print("want %d, got %d; first differences:" % (len(want), len(have)))
    for k in sorted(set(want) ^ set(have))[:6]:
        print("  ", "missing" if k in want else "extra", k)
    sys.exit(1)
print("%d records" % len(want))
PY
# boundaries on records: the entry of call 60, the exit of call 200 (both included)
read -r S U first Siso Uiso Sloc < <(python3 -c '
import calendar, json, sys, time
rs = [json.loads(l) for l in open(sys.argv[1])]
calls = [r for r in rs if r["type"] == "syscall" and r.get("dur_ns") is not None]
s, u = calls[60], calls[200]
S, U = s["ts"], u["ts"] + u["dur_ns"]
wall0 = calendar.timegm(time.strptime(s["time"][:19], "%Y-%m-%dT%H:%M:%S")) * 10**9 \
	+ int(s["time"][20:29]) - S
def iso(t):
    w = wall0 + t
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(w // 10**9)) + ".%09dZ" % (w % 10**9)
def loc(t):
    w = wall0 + t
    return time.strftime("%H:%M:%S", time.localtime(w // 10**9)) + ".%09d" % (w % 10**9)
print(S, U, rs[0]["ts"], iso(S), iso(U), loc(S))' "$T/s.json")
check "the window's bounds: $Siso .. $Uiso" test -n "$Uiso"

"$VLTRACE" -R "$T/s.vlt" --since "$Siso" --until "$Uiso" --format=json > "$T/w1.json"
check "--since/--until ISO 8601: exactly the records in the window ($(python3 "$T/win.py" "$T/s.json" "$T/w1.json" "$S" "$U" | tail -1))" \
	python3 "$T/win.py" "$T/s.json" "$T/w1.json" "$S" "$U"
"$VLTRACE" -R "$T/s.vlt" --since "+$((S - first))ns" --until "+$((U - first))ns" --format=json > "$T/w2.json"
check "--since/--until +N after the first record: the same records" cmp "$T/w1.json" "$T/w2.json"
"$VLTRACE" -R "$T/s.vlt" --since "$Sloc" --until "$Uiso" --format=json > "$T/w3.json"
check "--since HH:MM:SS.frac (local time): the same records" cmp "$T/w1.json" "$T/w3.json"
"$VLTRACE" -R "$T/s.vlt" --since "$Siso" --format=json > "$T/w4.json"
check "--since alone: up to the end" python3 "$T/win.py" "$T/s.json" "$T/w4.json" "$S" 99999999999999999

# Blocks outside the window are not read: damage the payload of the second
# block; a window after it reads without a word, the whole file warns.
python3 - "$T/s.vlt" "$T/bad.vlt" > "$T/blk" <<'PY'
import struct, sys
d = bytearray(open(sys.argv[1], "rb").read())
offs = []
i = d.find(b"VLTBLOCK")
while i >= 0:
    offs.append(i)
    i = d.find(b"VLTBLOCK", i + 8)
b = offs[1]
hl, pl = struct.unpack_from("<II", d, b + 8)
last = struct.unpack_from("<Q", d, b + 32)[0]
d[b + hl + pl // 2] ^= 0xff
open(sys.argv[2], "wb").write(d)
print(len(offs), last)
PY
read -r nblocks last2 < "$T/blk"
check "the file has several blocks ($nblocks)" [ "$nblocks" -ge 4 ]
"$VLTRACE" -R "$T/bad.vlt" -o /dev/null 2> "$T/bad.err"
check "the damaged block is found when the whole file is read" grep -q 'bad payload checksum' "$T/bad.err"
"$VLTRACE" -R "$T/bad.vlt" --since "+$((last2 + 1 - first))ns" -o /dev/null 2> "$T/skip.err"
check "a window after the damaged block does not read it (no warning)" [ ! -s "$T/skip.err" ]

"$VLTRACE" -R "$T/s.vlt" --since junk 2> "$T/junk.err"
st=$?
check "a bad --since: exit 1 (got $st)" [ "$st" = 1 ]
check "a bad --since: one line" bash -c "[ \$(wc -l < '$T/junk.err') = 1 ] && grep -q '^vltrace: invalid --since' '$T/junk.err'"
finish
