#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Syscall filters (-e trace=SET, -e status=, -z, -Z), held against strace with the
# same filter on the same programs: per thread, the same (syscall, result)
# sequence.  The filters are applied in the kernel: the trace file holds records
# of the selected syscalls only.
. "$TESTS_SRCDIR/integration/lib.sh"
. "$TESTS_SRCDIR/integration/proc-lib.sh"
require_bpf
require_cmd strace

M="$HELPERS/markers"
# a shell that takes a signal, looks for a file that is not there, opens one
SIGPROG='trap ": caught" USR1; kill -USR1 $$; test -e /nonexistent-vltrace-filters; echo x > /dev/null; exit 0'
# the interpreter itself, not a wrapper script found first in PATH
PYTHON=$(ls /usr/bin/python3 2>/dev/null || command -v python3)

# a single-threaded program that makes network calls: a refused loopback connect
NETPROG='import socket
s = socket.socket()
try:
    s.connect(("127.0.0.1", 1))
except OSError:
    pass
s.close()'

# same NAME "PROGRAMS" FILTER-OPTIONS...: strace and vltrace with the same options on
# each program (a comma-separated list of: markers markers2 sig net) give the same
# calls and results per thread.  markers runs without threads except for
# %process (markers2): threads racing for file descriptors make the results of
# openat differ from run to run.
same() {
	local what=$1 progs=$2 p prog
	shift 2
	for p in ${progs//,/ }; do
		case $p in
		markers) prog="'$M'" ;;
		markers2) prog="'$M' 2" ;;
		sig) prog='sh -c "$SIGPROG"' ;;
		net) prog='"$PYTHON" -c "$NETPROG"' ;;
		esac
		eval "strace -f $* -o '$T/s.$what.$p' $prog" > /dev/null 2>&1
		eval "'$VLTRACE' -f $* -o '$T/v.$what.$p' -- $prog" > /dev/null 2>&1
		if python3 "$TESTS_SRCDIR/integration/compare.py" "$T/s.$what.$p" "$T/v.$what.$p" \
			> "$T/c.$what.$p" 2>&1; then
			pass "$* on $p: the calls and results strace shows ($(tail -1 "$T/c.$what.$p"))"
		else
			fail "$* on $p: the calls and results strace shows"
			show "$T/c.$what.$p"
		fi
	done
}
# names FILE: the syscall names in a text trace, sorted, one per line
names() {
	sed -E 's/^(\[pid +[0-9]+\] |[0-9]+ +)//; s/^<\.\.\. ([a-z_0-9]+) resumed>.*/\1(/' "$1" |
		grep -oE '^[a-z_0-9]+\(' | tr -d '(' | sort -u
}

# ---- trace=SET against strace ----
same file markers,sig -e trace=%file
same desc markers,sig -e trace=%desc
same process markers2,sig -e trace=%process
same memory markers,markers2 -e trace=%memory
same signal sig -e trace=%signal
same fstat markers,sig -e trace=%fstat
same norw markers,sig -e "trace='!read,write'"
same list markers,sig -e trace=openat,close,getppid
same net net -e trace=%net
check "trace=%net: the refused connect is there" \
	grep -Eq '^([0-9]+ +)?connect\(.* = -1 ECONNREFUSED' "$T/v.net.net"

# ---- !read,write: none of them, the rest there (4 threads) ----
"$VLTRACE" -f -e 'trace=!read,write' -o "$T/norw" -- "$M" 4
names "$T/norw" > "$T/norw.names"
check "trace=!read,write: no read or write line" bash -c "! grep -qxE 'read|write' '$T/norw.names'"
check "trace=!read,write: the other calls are there (openat, close, getppid, mmap)" \
	bash -c "for c in openat close getppid mmap; do grep -qx \$c '$T/norw.names' || exit 1; done"

# ---- in the kernel: the file holds records of the selected calls only ----
"$VLTRACE" -f -e trace=%file -W "$T/file.vlt" -- "$M" 4
"$VLTRACE" -R "$T/file.vlt" -c -o "$T/file.sum"
# the syscall column of the summary, without the header and total
awk 'NR > 2 && $NF != "total" && $NF !~ /^-/ {print $NF}' "$T/file.sum" | sort > "$T/file.recorded"
strace -f -e trace=%file -o "$T/file.strace" "$M" 4
names "$T/file.strace" > "$T/file.want"
if [ -s "$T/file.recorded" ] && cmp -s "$T/file.want" "$T/file.recorded"; then
	pass "trace=%file -W: the file holds records of the %file calls strace shows, and no other"
else
	fail "trace=%file -W: the file holds records of the %file calls strace shows, and no other"
	diff "$T/file.want" "$T/file.recorded"
	show "$T/file.sum"
fi

# ---- bad sets: one line, exit 1, nothing run ----
for bad in nosuchcall opnat wirte %nosuchclass 'openat,nosuchcall'; do
	out=$("$VLTRACE" -e "trace=$bad" -- touch "$T/ran" 2>&1)
	st=$?
	check "trace=$bad is refused with exit 1 (got $st)" [ "$st" = 1 ]
	check "... in one line: $out" one_line "$out"
	check "... and the command did not run" [ ! -e "$T/ran" ]
done
out=$("$VLTRACE" -e trace=opnat -- true 2>&1)
check "a misspelt name gets the closest name: $out" grep -q "'openat'" <<<"$out"
out=$("$VLTRACE" -e trace=wirte -- true 2>&1)
check "a misspelt name gets the closest name: $out" grep -q "'write'" <<<"$out"
out=$("$VLTRACE" -e status=sometimes -- true 2>&1)
st=$?
check "status=sometimes is refused with exit 1 (got $st)" [ "$st" = 1 ]
check "... in one line: $out" one_line "$out"

# ---- -z / -Z / status=: strace's choice of calls, no orphan entry ----
same z markers,sig -z
same Z markers,sig -Z
same zfile markers -z -e trace=%file
same Zfile markers -Z -e trace=%file
# new threads return from clone3 without having entered it: strace shows no line
same zprocess markers2 -z -e trace=%process
for opt in -Z -z "-e status=failed" "-e status=successful"; do
	"$VLTRACE" -f $opt -o "$T/st" -- "$M" 4
	check "$opt: no unfinished or resumed call (no orphan entry)" \
		bash -c "! grep -Eq '<unfinished \.\.\.>|<\.\.\. [a-z_0-9]+ resumed>' '$T/st'"
	case $opt in
	*Z | *failed)
		check "$opt: every call shown failed" \
			bash -c "! grep -E '^(\[pid +[0-9]+\] )?[a-z_0-9]+\(' '$T/st' | grep -vE '\) += -1 [A-Z0-9]+ '" ;;
	*)
		check "$opt: no call shown failed" \
			bash -c "! grep -E '^(\[pid +[0-9]+\] )?[a-z_0-9]+\(' '$T/st' | grep -E '\) += -1 [A-Z0-9]+ '" ;;
	esac
done
finish
