#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# --format=csv and --format=tsv (docs/TABLES.md): one row per call with a header,
# read back by Python's csv module and by sqlite3's .import with every row and
# column intact, and every row the same call as JSON Lines says, field by field.
. "$TESTS_SRCDIR/integration/lib.sh"
require_bpf
require_cmd sqlite3
require_cmd python3

# Data that needs quoting: commas, double quotes, tabs and backslashes in paths and
# in what is written (the decoded text escapes them as strace does: "\t", "\"").
mkdir -p "$T/src"
printf 'a,b "quoted"\tand\\tab\n' > "$T/src/one,two"
printf 'plain\n' > "$T/src/say \"hi\""
"$VLTRACE" -W "$T/t.vlt" --format=csv -o "$T/live.csv" -- cat "$T/src/one,two" "$T/src/say \"hi\"" \
	/nonexistent > "$T/cat.out" 2>&1
check "cat exits 1 under vltrace (one file is missing)" [ $? = 1 ]
"$VLTRACE" -R "$T/t.vlt" --format=csv -o "$T/read.csv"
check "-R --format=csv exits 0" [ $? = 0 ]
"$VLTRACE" -R "$T/t.vlt" --format=tsv -o "$T/read.tsv"
check "-R --format=tsv exits 0" [ $? = 0 ]
"$VLTRACE" -R "$T/t.vlt" --format=json -o "$T/read.json"
"$VLTRACE" -R "$T/t.vlt" -c -o "$T/summary"
calls=$(awk '$NF == "total" { print $4 }' "$T/summary")
check "live and -R tables are the same bytes" cmp -s "$T/live.csv" "$T/read.csv"

# Python: header, width, row count, and each row against its JSON Lines object.
python3 - "$T/read.csv" "$T/read.tsv" "$T/read.json" "${calls:-0}" > "$T/py.out" 2>&1 <<'PY'
import csv, json, sys

cols = ["time", "ts_ns", "pid", "tid", "comm", "syscall", "arg0", "arg1", "arg2", "arg3",
        "arg4", "arg5", "ret", "errno", "dur_ns"]
bad = []
with open(sys.argv[1], newline="") as f:
    rows = list(csv.reader(f, strict=True))
if rows[0] != cols:
    bad.append("csv header %r" % rows[0])
rows = rows[1:]

def untsv(field):
    out, i = [], 0
    while i < len(field):
        c = field[i]
        if c == "\\":
            i += 1
            out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}[field[i]])
        else:
            out.append(c)
        i += 1
    return "".join(out)

with open(sys.argv[2], newline="") as f:
    lines = f.read().split("\n")
if lines[-1] != "":
    bad.append("tsv does not end with a newline")
tsv = [[untsv(x) for x in l.split("\t")] for l in lines[:-1]]
if tsv[0] != cols:
    bad.append("tsv header %r" % tsv[0])
if tsv[1:] != rows:
    bad.append("tsv rows differ from csv rows")

calls = [o for o in map(json.loads, open(sys.argv[3])) if o["type"] == "syscall"]
if len(rows) != len(calls):
    bad.append("%d csv rows, %d JSON calls" % (len(rows), len(calls)))
if len(rows) != int(sys.argv[4]):
    bad.append("%d csv rows, %s calls counted by -c" % (len(rows), sys.argv[4]))
for n, (r, o) in enumerate(zip(rows, calls)):
    if len(r) != len(cols):
        bad.append("row %d has %d fields" % (n, len(r)))
        continue
    d = dict(zip(cols, r))
    args = [d["arg%d" % i] for i in range(6) if d["arg%d" % i] != ""]
    want = {
        "ts_ns": str(o["ts"]), "time": o["time"], "pid": str(o["pid"]), "tid": str(o["tid"]),
        "syscall": o["name"], "comm": "cat",
        "ret": "" if o["ret"] is None else str(o["ret"]),
        "errno": "" if o["errno"] is None else str(o["errno"]),
        "dur_ns": str(o["dur_ns"]) if "dur_ns" in o else "",
    }
    for k, v in want.items():
        if d[k] != v:
            bad.append("row %d (%s): %s is %r, JSON says %r" % (n, o["name"], k, d[k], v))
    if args != [a["text"] for a in o.get("args", [])]:
        bad.append("row %d (%s): arguments %r, JSON says %r" %
                   (n, o["name"], args, [a["text"] for a in o.get("args", [])]))
quoted = sum(1 for r in rows for x in r if "," in x or '"' in x)
if quoted < 3:
    bad.append("only %d fields needed quoting: the test data did not get through" % quoted)
print("\n".join(bad[:20]) or "ok: %d rows, %d quoted fields" % (len(rows), quoted))
sys.exit(1 if bad else 0)
PY
check "Python reads the CSV and TSV back, each row the call JSON Lines shows" [ $? = 0 ]
cat "$T/py.out"

# sqlite3: .import --csv takes the header as column names; every value comes back.
sqlite3 "$T/db" ".import --csv $T/read.csv calls" 2> "$T/sqlite.err"
check "sqlite3 .import --csv takes the file without a complaint" [ ! -s "$T/sqlite.err" ]
cat "$T/sqlite.err"
check "sqlite3 holds one row per call ($calls)" \
	[ "$(sqlite3 "$T/db" 'select count(*) from calls')" = "$calls" ]
check "sqlite3 counts the failed openat" \
	[ "$(sqlite3 "$T/db" "select count(*) from calls where syscall = 'openat' and errno = 'ENOENT' and arg1 = '\"/nonexistent\"'")" = 1 ]
sqlite3 -json "$T/db" 'select * from calls order by rowid' > "$T/db.json"
python3 - "$T/read.csv" "$T/db.json" <<'PY'
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
db = json.load(open(sys.argv[2]))
back = [[str(v) for v in d.values()] for d in db]
sys.exit(0 if [list(d.keys()) for d in db[:1]] == [rows[0]] and back == rows[1:] else 1)
PY
check "sqlite3 gives back every row and column as written" [ $? = 0 ]
finish
