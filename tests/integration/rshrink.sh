#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# A trace file that another process truncates while vltrace -R reads it: reading
# ends with the "cut short" warning (docs/FORMAT.md, section 7), never with a signal
# (a mapped file dies of SIGBUS on the first page past its new end).
. "$TESTS_SRCDIR/integration/lib.sh"
require_bpf

"$VLTRACE" -q -e trace=getppid --compress=none -W "$T/f.vlt" -- "$VLTRACE" --bench-child getppid 300000
size=$(stat -c %s "$T/f.vlt")
check "a trace file of $((size >> 20)) MiB to read" [ "$size" -gt $((8 << 20)) ]

# vltrace -R writes into a pipe nobody reads for now: it stops, blocked, once the pipe
# and its output buffer are full, well before the end of the file.  Its text and its
# warnings both go into the pipe, wherever -R prints them.
mkfifo "$T/pipe"
"$VLTRACE" -R "$T/f.vlt" > "$T/pipe" 2>&1 &
vpid=$!
exec 3< "$T/pipe"
head -c 4096 <&3 > /dev/null
kill -STOP "$vpid"
truncate -s 100000 "$T/f.vlt"
kill -CONT "$vpid"
cat <&3 > "$T/rest"
exec 3<&-
wait "$vpid"
st=$?
check "-R of a file truncated under it exits 0, not on a signal (exit $st)" [ "$st" = 0 ]
check "... and warns that the file was cut short" grep -q 'warning: .*cut short' "$T/rest"
[ "$st" = 0 ] || tail -n 3 "$T/rest"
lines=$(grep -c getppid "$T/rest")
check "... having printed what it had read ($lines more lines)" [ "$lines" -gt 0 ]
finish
