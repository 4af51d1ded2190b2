#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# -R with several files: two runs written at the same time merge in time order,
# each file's clock placed by the wall clock in its header; files from two
# hosts say on every line which host a line comes from.
. "$TESTS_SRCDIR/integration/lib.sh"
require_bpf
require_cmd python3
require_cmd unshare

# two runs at once, the second in a UTS namespace of another host name
# (0.5 s each, so that they overlap however slowly vltrace starts)
"$VLTRACE" -q -W "$T/a.vlt" -- "$HELPERS/callmix" --slow 0 250 &
a=$!
unshare --uts sh -c "hostname vt-other-host && '$VLTRACE' -q -W '$T/b.vlt' -- '$HELPERS/callmix' --slow 0 250" &
b=$!
wait $a; wait $b
# long enough (0.5 s) that the two runs overlap, however slowly vltrace starts
"$VLTRACE" -q -W "$T/c.vlt" -- "$HELPERS/callmix" --slow 0 250 &
c=$!
"$VLTRACE" -q -W "$T/d.vlt" -- "$HELPERS/callmix" --slow 0 250
wait $c

cat > "$T/merged.py" <<'PY'
import json, sys
# the merged output holds exactly the lines of each file, in the order of the
# time each line is due (a call's exit, an event's time)
def lines(p):
    return [json.loads(l) for l in open(p)]
def due(r):
    return r["ts"] + (r.get("dur_ns") or 0)
def wall(r):
    t = r["time"]
    return t[:19], int(t[20:29])
def key(r):
    return (r["time"], r["type"], r["pid"], r["tid"], r.get("name"), r.get("ret"))
merged = lines(sys.argv[1])
parts = [lines(p) for p in sys.argv[2:]]
want = sorted((key(r) for p in parts for r in p))
have = sorted(key(r) for r in merged)
if want != have:
    print("the merge does not hold the files' lines: %d vs %d" % (len(have), len(want)))
    sys.exit(1)
# time order of the lines as they are due, in wall-clock ns
def due_wall(r):
    d, ns = wall(r)
    return (d, ns + (r.get("dur_ns") or 0))
import calendar, time
def ns(r):
    d, n = wall(r)
    return calendar.timegm(time.strptime(d, "%Y-%m-%dT%H:%M:%S")) * 10**9 + n + (r.get("dur_ns") or 0)
prev = 0
for r in merged:
    if ns(r) < prev:
        print("back in time:", r)
        sys.exit(1)
    prev = ns(r)
pids = []
for r in merged:
    if not pids or pids[-1] != r["pid"]:
        pids.append(r["pid"])
print("%d lines, %d runs of one process" % (len(merged), len(pids)))
sys.exit(0 if len(pids) > 2 else 2)
PY

"$VLTRACE" -R "$T/c.vlt" --format=json > "$T/c.json"
"$VLTRACE" -R "$T/d.vlt" --format=json > "$T/d.json"
"$VLTRACE" -R "$T/c.vlt" -R "$T/d.vlt" --format=json > "$T/cd.json"
out=$(python3 "$T/merged.py" "$T/cd.json" "$T/c.json" "$T/d.json")
check "-R c -R d: the lines of both, in time order, interleaved ($out)" [ $? = 0 ]
"$VLTRACE" -R "$T/c.vlt" "$T/d.vlt" --format=json > "$T/cd2.json"
check "-R c d (several names after -R): the same" cmp "$T/cd.json" "$T/cd2.json"
"$VLTRACE" -R "$T/d.vlt" -R "$T/c.vlt" --format=json > "$T/dc.json"
check "-R d -R c: the same lines, whatever the order of the files" \
	python3 "$T/merged.py" "$T/dc.json" "$T/c.json" "$T/d.json"
check "one host: no host in the lines" bash -c "[ -s '$T/cd.json' ] && ! grep -q '\"host\"' '$T/cd.json'"
n=$("$VLTRACE" -R "$T/c.vlt" "$T/d.vlt" | grep -c 'clock_nanosleep(')
check "-R c d | grep -c clock_nanosleep: 500 ($n)" [ "$n" = 500 ]
"$VLTRACE" -R "$T/c.vlt" "$T/d.vlt" -ttt > "$T/cd.ttt"
n=$(grep -vc ' resumed>' "$T/cd.ttt")
check "-R c d -ttt: the lines of both, <... resumed> halves aside ($n)" [ "$n" = $(($(wc -l < "$T/c.json") + $(wc -l < "$T/d.json"))) ]
check "-R c d -ttt: every line has a thread prefix" bash -c "[ -s '$T/cd.ttt' ] && ! grep -qvE '^\[pid +[0-9]+\] ' '$T/cd.ttt'"
check "-R c d -ttt: the times never go back" awk '{ sub(/^\[pid +[0-9]+\] /, ""); t = $1 + 0; if (t < prev) exit 1; prev = t }' "$T/cd.ttt"
n=$("$VLTRACE" -R "$T/c.vlt" "$T/d.vlt" syscall = getppid or dur '>' 1ms | grep -c 'clock_nanosleep(')
check "several files and a filter after them: 500 slow calls ($n)" [ "$n" = 500 ]

# an output that is one of the files read is refused before it is touched
sum=$(md5sum < "$T/d.vlt")
"$VLTRACE" -R "$T/c.vlt" -R "$T/d.vlt" -o "$T/d.vlt" 2> "$T/same.err"
st=$?
check "-R c -R d -o d: refused (exit $st), d untouched" \
	bash -c "[ $st = 1 ] && [ \"\$(md5sum < '$T/d.vlt')\" = '$sum' ] && grep -q '^vltrace: -o .* is the file -R reads' '$T/same.err'"

# two hosts
"$VLTRACE" -R "$T/a.vlt" --format=json > "$T/a.json"
"$VLTRACE" -R "$T/b.vlt" --format=json > "$T/b.json"
"$VLTRACE" -R "$T/a.vlt" -R "$T/b.vlt" --format=json > "$T/ab.json"
check "two hosts: JSON has each line's host" python3 -c '
import json, socket, sys
hosts = set(json.loads(l)["host"] for l in open(sys.argv[1]))
sys.exit(hosts != {socket.gethostname(), "vt-other-host"})' "$T/ab.json"
python3 -c '
import json, sys
for p in sys.argv[1:3]:
    with open(p + ".nohost", "w") as o:
        for l in open(p):
            r = json.loads(l); r.pop("host", None); o.write(json.dumps(r) + "\n")' "$T/ab.json" /dev/null 2>/dev/null
out=$(python3 "$T/merged.py" "$T/ab.json.nohost" "$T/a.json" "$T/b.json")
check "two hosts: the lines of both, in time order ($out)" [ $? = 0 ]
"$VLTRACE" -R "$T/a.vlt" -R "$T/b.vlt" > "$T/ab.txt"
check "two hosts: each text line starts with its host" \
	bash -c "[ -s '$T/ab.txt' ] && ! grep -vE '^($(hostname)|vt-other-host) ' '$T/ab.txt'"
n=$(grep -c '^vt-other-host .*clock_nanosleep(' "$T/ab.txt")
check "two hosts: grep for the other host finds its 250 naps ($n)" [ "$n" = 250 ]
finish
