#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# --format=chrome-json: Chrome Trace Event JSON that loads, one slice per syscall,
# live and from a trace file alike.
. "$TESTS_SRCDIR/integration/lib.sh"
require_bpf

mkdir -p "$T/src"
for i in 1 2 3 4 5; do echo "file $i" > "$T/src/f$i"; done

"$VLTRACE" -f -W "$T/t.vlt" --format=chrome-json -o "$T/live.json" -- tar cf "$T/x.tar" -C "$T/src" .
check "tar exits 0 under vltrace" [ $? = 0 ]
"$VLTRACE" -R "$T/t.vlt" --format=chrome-json -o "$T/read.json"
check "-R --format=chrome-json exits 0" [ $? = 0 ]
check "the live export loads with python3 -m json.tool" python3 -m json.tool "$T/live.json" /dev/null
check "the export from the file loads with python3 -m json.tool" python3 -m json.tool "$T/read.json" /dev/null

# Calls counted from the same records by -c: every one of them must be a slice
# (X: returned; B: never returned, such as exit_group).
"$VLTRACE" -R "$T/t.vlt" -c -o "$T/summary"
# the total line: % time, seconds, usecs/call, calls, [errors], "total"
calls=$(awk '$NF == "total" { print $4 }' "$T/summary")
read -r slices xs bs named procname < <(python3 - "$T/read.json" <<'PY'
import json, sys
ev = json.load(open(sys.argv[1]))["traceEvents"]
xs = [e for e in ev if e.get("ph") == "X"]
bs = [e for e in ev if e.get("ph") == "B"]
ok = all(e["dur"] >= 0 and e["name"] and "pid" in e and "tid" in e for e in xs)
pn = [e["args"]["name"] for e in ev if e.get("ph") == "M" and e.get("name") == "process_name"]
print(len(xs) + len(bs), len(xs), len(bs), "yes" if ok else "no", ",".join(pn) or "-")
PY
)
check "one slice per syscall: $slices slices ($xs complete, $bs open) for $calls calls counted by -c" \
	[ "${calls:-none}" = "$slices" ]
check "every slice has a name, a pid, a tid and a duration >= 0" [ "$named" = yes ]
check "the process track is named after the program (got '$procname')" [ "$procname" = tar ]
check "live and file exports have the same number of events" \
	[ "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["traceEvents"]))' "$T/live.json")" = \
	  "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["traceEvents"]))' "$T/read.json")" ]
finish
