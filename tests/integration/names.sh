#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# -N NAME attaches to every running process called NAME (its comm); with -f also
# to processes that take the name later, by exec of a binary with that name.
# The processes are copies of sh under distinctive names.
. "$TESTS_SRCDIR/integration/lib.sh"
. "$TESTS_SRCDIR/integration/proc-lib.sh"
require_bpf

SH=$(command -v sh)
cp "$SH" "$T/vlt-names-now"
cp "$SH" "$T/vlt-names-late"
cp "$SH" "$T/vlt-names-other"

# start NAME TAG: a copy of sh called NAME that waits for a line on fifo $T/TAG,
# then makes one newfstatat of a path carrying TAG and exits 0; pid in STARTED
start() {
	mkfifo "$T/$2"
	"$T/$1" -c "read x; test -e /nonexistent/vltrace-names-$2; exit 0" <> "$T/$2" &
	STARTED=$!
	track "$STARTED"
	# the name is the process's only once the exec is done
	wait_until 100 comm_is "$STARTED" "$1" || fail "$1 ($2) started"
}
comm_is() { [ "$(cat "/proc/$1/comm" 2>/dev/null)" = "$2" ]; }
go() { echo go > "$T/$1"; }
has_links() { bpf_ids_of "$1" | grep -q '^link_id '; }

# ---- -N: the running processes of that name, both of them, nothing else ----
start vlt-names-now n1
n1=$STARTED
start vlt-names-now n2
n2=$STARTED
start vlt-names-other o1
o1=$STARTED
"$VLTRACE" -N vlt-names-now -o "$T/now" 2> "$T/now.err" &
v=$!
track "$v"
if wait_until 100 attached "$T/now.err" 2; then
	pass "-N: vltrace attaches to the two processes of that name"
else
	fail "-N: vltrace attaches to the two processes of that name"
	show "$T/now.err"
fi
check "-N: ... and says so for each by pid" \
	bash -c "grep -qx 'vltrace: Process $n1 attached' '$T/now.err' && grep -qx 'vltrace: Process $n2 attached' '$T/now.err'"
check "-N: ... and not for the process of another name" \
	bash -c "! grep -q 'Process $o1 ' '$T/now.err'"
go n1
go n2
go o1
reap "$n1"
reap "$n2"
reap "$o1"
wait_gone 100 "$v"
check "-N: vltrace ends by itself once they are gone" gone "$v"
reap "$v"
check "-N: vltrace exits 0 (got $REAPED)" [ "$REAPED" = 0 ]
for tag in n1 n2; do
	check "-N: the work of $tag is traced" grep -q "newfstatat(AT_FDCWD, \"/nonexistent/vltrace-names-$tag\"" "$T/now"
done
check "-N: the process of another name is not traced" bash -c "! grep -q vltrace-names-o1 '$T/now'"

# ---- -f -N: a process that execs a binary of that name later is traced ----
start vlt-names-late l0
l0=$STARTED
"$VLTRACE" -f -N vlt-names-late,vlt-names-none -o "$T/late" 2> "$T/late.err" &
v=$!
track "$v"
wait_until 100 attached "$T/late.err" 1 || fail "-f -N: vltrace attaches to the running one"
wait_until 100 has_links "$v" || fail "-f -N: vltrace's hooks are attached"
# started after the hooks are live: one named so, one not, one that execs the name
start vlt-names-late l1
l1=$STARTED
start vlt-names-other o2
o2=$STARTED
mkfifo "$T/l2"
sh -c "read x; exec '$T/vlt-names-late' -c 'test -e /nonexistent/vltrace-names-l2-after-exec; exit 0'" <> "$T/l2" &
l2=$!
track "$l2"
go l2
reap "$l2"
check "-f -N: the process that exec'd the name exits 0 (got $REAPED)" [ "$REAPED" = 0 ]
go l0
go l1
go o2
reap "$l0"
reap "$l1"
reap "$o2"
check "-f -N: vltrace keeps running while it waits for processes of that name" alive "$v"
kill -INT "$v"
wait_gone 100 "$v"
check "-f -N: SIGINT ends it" gone "$v"
reap "$v"
check "-f -N: vltrace exits 130 after SIGINT, as strace -p does (got $REAPED)" [ "$REAPED" = 130 ]
check "-f -N: the process running at the start is traced" \
	grep -q 'newfstatat(AT_FDCWD, "/nonexistent/vltrace-names-l0"' "$T/late"
check "-f -N: a process of that name started later is traced" \
	grep -q 'newfstatat(AT_FDCWD, "/nonexistent/vltrace-names-l1"' "$T/late"
check "-f -N: a process that execs a binary of that name is traced after the exec" \
	grep -q 'newfstatat(AT_FDCWD, "/nonexistent/vltrace-names-l2-after-exec"' "$T/late"
check "-f -N: ... but not before it (its read of the fifo)" \
	bash -c "! grep -Eq '^$l2 +read\(0, ' '$T/late'"
check "-f -N: a process of another name is not traced" bash -c "! grep -q vltrace-names-o2 '$T/late'"

# ---- bad names ----
out=$("$VLTRACE" -N vlt-names-much-too-long -o "$T/bad" 2>&1)
st=$?
check "-N with a name longer than comm's 15 characters exits 1 (got $st)" [ "$st" = 1 ]
check "... with one line" one_line "$out"
finish
