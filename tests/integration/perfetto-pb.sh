#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# --format=perfetto: Perfetto's protobuf trace.  It decodes with protoc against
# docs/perfetto/trace_subset.proto and holds one slice per call, each the call
# JSON Lines shows (name, thread, entry time, duration, arguments, result), live
# and from a trace file alike; processes and threads are named.
. "$TESTS_SRCDIR/integration/lib.sh"
require_bpf
require_cmd protoc
require_cmd python3

proto="$TESTS_SRCDIR/../docs/perfetto"
decode() { # FILE: the decoded text on stdout
	protoc --proto_path="$proto" --decode=perfetto.protos.Trace trace_subset.proto < "$1"
}

# Several threads (each its own sequence), forks, and a process that execs.
mkdir -p "$T/src"
for i in 1 2 3; do echo "file $i" > "$T/src/f$i"; done
"$VLTRACE" -f -W "$T/t.vlt" --format=perfetto -o "$T/live.pftrace" -- \
	sh -c "tar cf $T/x.tar -C $T/src . && \"$HELPERS/storm\" 2 200 > /dev/null"
check "the traced command exits 0 under vltrace" [ $? = 0 ]
"$VLTRACE" -R "$T/t.vlt" --format=perfetto -o "$T/read.pftrace"
check "-R --format=perfetto exits 0" [ $? = 0 ]
"$VLTRACE" -R "$T/t.vlt" --format=json -o "$T/read.json"
check "live and -R traces are the same bytes" cmp -s "$T/live.pftrace" "$T/read.pftrace"

decode "$T/read.pftrace" > "$T/read.txt" 2> "$T/protoc.err"
check "protoc decodes it as perfetto.protos.Trace" [ $? = 0 ] && [ ! -s "$T/protoc.err" ]
cat "$T/protoc.err"
check "protoc finds no field it does not know" [ "$(grep -cE '^ *[0-9]+:' "$T/read.txt")" = 0 ]

python3 "$TESTS_SRCDIR/integration/pbtrace.py" "$T/read.txt" "$T/read.json" > "$T/py.out"
check "one slice per call, each the call JSON Lines shows" [ $? = 0 ]
cat "$T/py.out"
check "the processes are named after their programs" grep -q 'named sh,storm,tar$' "$T/py.out"

# Calls counted by -c: each entered call is a slice, so the BEGIN events number the
# calls, less the returns of fork children (a child's first return has no entry).
"$VLTRACE" -R "$T/t.vlt" -c -o "$T/summary"
calls=$(awk '$NF == "total" { print $4 }' "$T/summary")
begins=$(grep -c 'type: TYPE_SLICE_BEGIN' "$T/read.txt")
jcalls=$(grep -c '"type":"syscall"' "$T/read.json")
check "as many slices ($begins) as JSON Lines has calls ($jcalls)" [ "$begins" = "$jcalls" ]
check "-c counts them too ($calls, with the fork children's returns)" [ "$calls" -ge "$begins" ]

# The size the format exists for: compare with the JSON it replaces.
"$VLTRACE" -R "$T/t.vlt" --format=chrome-json -o "$T/read.chrome.json"
pb=$(stat -c %s "$T/read.pftrace")
js=$(stat -c %s "$T/read.chrome.json")
echo "# $pb bytes of protobuf, $js bytes of Chrome JSON, $jcalls calls"
check "at most a fifth of the Chrome JSON's bytes ($pb vs $js)" [ $((pb * 5)) -le "$js" ]

"$VLTRACE" -R "$T/t.vlt" --format=perfetto 2> "$T/err"
check "without -o it refuses, in one line" \
	[ $? = 1 ] && [ "$(wc -l < "$T/err")" = 1 ] && grep -q '^vltrace: .*-o FILE' "$T/err"
finish
