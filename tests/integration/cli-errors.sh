#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# What a careless or hostile command line gets: every refusal is one line and
# exit 1, before anything runs; nothing leaves vltrace waiting for ever.
#
#  - a command that fails between fork and exec (-u cannot be applied, execve
#    fails) ends vltrace with exit 1 and a message;
#  - -u takes names and the uids of passwd entries (with their supplementary
#    groups), and refuses any other number, as strace does;
#  - -p and -N refuse kernel threads; -p attaches once to a process named twice;
#  - -e trace= with no name in it is refused, as strace refuses it;
#  - --buffer-size beyond what the default ring can hold is refused up front,
#    and a program the verifier refuses is reported as such, not as a lack of
#    privileges;
#  - numbers with a sign or garbage are refused where a size is expected.
. "$TESTS_SRCDIR/integration/lib.sh"
. "$TESTS_SRCDIR/integration/proc-lib.sh"
require_bpf
require_cmd strace
require_cmd setpriv
require_cmd useradd
chmod 755 "$T"

# refused WHAT STDERR_FILE STATUS PATTERN: exit 1 (not a timeout's 124) with one
# line on stderr, "vltrace: " first, matching PATTERN
refused() {
	local what=$1 err=$2 st=$3 pat=$4
	check "$what: exit 1 (got $st)" [ "$st" = 1 ]
	if [ "$(wc -l < "$err")" = 1 ] && grep -Eq "^vltrace: .*$pat" "$err"; then
		pass "$what: one line on stderr saying so"
	else
		fail "$what: one line on stderr saying so (/$pat/)"
		show "$err"
	fi
}

# ---- failures between fork and exec end vltrace ----
timeout 30 "$VLTRACE" -q -o "$T/u.trace" -u -1 -- id -u > "$T/u.out" 2> "$T/u.err"
refused "-u -1" "$T/u.err" $? "Cannot find user '-1'"
check "-u -1: the command never ran" [ ! -s "$T/u.out" ]

# vltrace as root without CAP_SETUID and CAP_SETGID: the child cannot drop to
# nobody; it dies before its execve, which the BPF side never sees
timeout 30 setpriv --bounding-set -setuid,-setgid "$VLTRACE" -q -o "$T/cap.trace" -u nobody -- \
	id -u > "$T/cap.out" 2> "$T/cap.err"
refused "-u nobody without CAP_SETGID" "$T/cap.err" $? "cannot run the command as nobody: .*Operation not permitted"
check "-u nobody without CAP_SETGID: the command never ran" [ ! -s "$T/cap.out" ]

# a file that is executable but no program: execve fails with ENOEXEC
printf '\001\002not a program\n' > "$T/notaprogram"
chmod 755 "$T/notaprogram"
timeout 30 "$VLTRACE" -o "$T/exec.trace" -- "$T/notaprogram" 2> "$T/exec.err"
refused "exec of a file that is no program" "$T/exec.err" $? "exec $T/notaprogram: Exec format error"
check "... the failed execve is in the trace" \
	grep -q "^execve(\"$T/notaprogram\", .* = -1 ENOEXEC (Exec format error)$" "$T/exec.trace"
check "... and no write of the child's: it reports through memory" \
	bash -c "! grep -q '^write(' '$T/exec.trace'"
check "... and its end, as strace shows it" grep -qx '+++ exited with 1 +++' "$T/exec.trace"

# ---- -u: numbers, ranges, supplementary groups ----
for u in 4294967296 4294967295 18446744073709551616 12abc ""; do
	timeout 30 "$VLTRACE" -q -o /dev/null -u "$u" -- id -u > "$T/r.out" 2> "$T/r.err"
	refused "-u '$u'" "$T/r.err" $? "Cannot find user '$u'"
	check "-u '$u': the command never ran (as root or anyone)" [ ! -s "$T/r.out" ]
done

# a user of the test's own, with a supplementary group, removed at exit
name=vltu$$
group=vltg$$
# retried: another test may hold the lock on /etc/passwd or /etc/group a moment
retry() { local i; for i in 1 2 3 4 5; do "$@" && return 0; sleep 1; done; return 1; }
retry groupadd "$group" || skip_or_fail "groupadd $group failed"
on_exit "retry groupdel $group 2>/dev/null"
retry useradd -M -N -g nogroup -G "$group" -s /bin/sh "$name" || skip_or_fail "useradd $name failed"
on_exit "retry userdel $name 2>/dev/null"
uid=$(id -u "$name")
want=$(id -G "$name" | tr ' ' '\n' | sort -n | tr '\n' ' ')
sgid=$(getent group "$group" | cut -d: -f3)
for who in "$name" "$uid"; do
	timeout 30 "$VLTRACE" -q -o /dev/null -u "$who" -- sh -c 'id -u; id -G' > "$T/id.out" 2> "$T/id.err"
	st=$?
	check "-u $who: exit 0 (got $st)" [ "$st" = 0 ]
	check "-u $who: the command runs as uid $uid ($(sed -n 1p "$T/id.out"))" \
		[ "$(sed -n 1p "$T/id.out")" = "$uid" ]
	got=$(sed -n 2p "$T/id.out" | tr ' ' '\n' | sort -n | tr '\n' ' ')
	check "-u $who: the command has the user's groups, $sgid among them ($got)" [ "$got" = "$want" ]
done
# a uid without a passwd entry: strace refuses it
free=$((uid + 1))
while getent passwd "$free" > /dev/null; do free=$((free + 1)); done
timeout 30 "$VLTRACE" -q -o /dev/null -u "$free" -- id -u > "$T/f.out" 2> "$T/f.err"
refused "-u $free (no such uid)" "$T/f.err" $? "Cannot find user '$free'"
check "-u $free: the command never ran" [ ! -s "$T/f.out" ]

# ---- -p: kernel threads, the same process twice ----
kt=$(pgrep -x kthreadd | head -1)
if [ -n "$kt" ]; then
	timeout 30 "$VLTRACE" -p "$kt" -o /dev/null 2> "$T/kt.err"
	refused "-p $kt (kthreadd)" "$T/kt.err" $? "attach: pid $kt is a kernel thread"
	timeout 30 "$VLTRACE" -N kthreadd -o /dev/null 2> "$T/ktn.err"
	refused "-N kthreadd" "$T/ktn.err" $? "no process named kthreadd"
else
	fail "-p of a kernel thread: no kthreadd found to try it on"
fi

mkfifo "$T/fifo"
sh -c 'read x; exit 0' <> "$T/fifo" &
w=$!
track "$w"
"$VLTRACE" -p "$w,$w" -p "$w" -o "$T/twice.trace" 2> "$T/twice.err" &
v=$!
track "$v"
wait_until 100 attached "$T/twice.err" 1
sleep 0.5
echo go > "$T/fifo"
reap "$w"
wait_gone 100 "$v"
check "-p X,X -p X: vltrace ends with the process" gone "$v"
reap "$v"
check "-p X,X -p X: exit 0 (got $REAPED)" [ "$REAPED" = 0 ]
n=$(grep -c "^vltrace: Process $w attached$" "$T/twice.err")
if [ "$n" = 1 ]; then
	pass "-p X,X -p X: attached once"
else
	fail "-p X,X -p X: attached once (got $n)"
	show "$T/twice.err"
fi
check "-p X,X -p X: its exit is in the trace once" \
	[ "$(grep -c '+++ exited with 0 +++' "$T/twice.trace")" = 1 ]

# ---- -e trace= with no name: refused as strace refuses it ----
for e in 'trace=' 'trace=,' 'trace=!' 't=' '' 'raw='; do
	timeout 30 "$VLTRACE" -q -o /dev/null -e "$e" -- true 2> "$T/e.err"
	st=$?
	strace -o /dev/null -e "$e" true 2> "$T/e.strace"
	quoted=$(sed -nE "s/^strace: (invalid system call '.*')$/\1/p" "$T/e.strace")
	[ -n "$quoted" ] || fail "-e '$e': strace refuses it (it says: $(cat "$T/e.strace"))"
	refused "-e '$e'" "$T/e.err" "$st" "$quoted"
done
timeout 30 "$VLTRACE" -q -o "$T/none.trace" -e trace=none -- true 2> "$T/none.err"
st=$?
check "-e trace=none is still taken, for no call (exit $st)" \
	[ "$st" = 0 ] && ! grep -q '(' "$T/none.trace"

# ---- --buffer-size: the documented sizes ----
for args in "--buffer-size=513M" "--buffer-size=1G" "--buffer=ring --buffer-size=1G"; do
	# shellcheck disable=SC2086
	timeout 60 "$VLTRACE" $args -q -o /dev/null -- true 2> "$T/b.err"
	st=$?
	refused "$args (the default ring)" "$T/b.err" "$st" "above 512M.*--buffer=ringbuf"
done
# the largest size of each kind works (1 GiB a CPU: memory the machine must have)
need=$(($(nproc) * 1024 * 1024 + 512 * 1024))
have=$(awk '/^MemAvailable:/ { print $2 }' /proc/meminfo)
if [ "$have" -gt "$need" ]; then
	for args in "--buffer-size=512M" "--buffer=ringbuf --buffer-size=1G" \
		"--buffer=perf --buffer-size=1G"; do
		# shellcheck disable=SC2086
		timeout 120 "$VLTRACE" $args -q -o "$T/big.trace" -- /bin/echo big > /dev/null 2> "$T/big.err"
		st=$?
		check "$args: exit 0 (got $st: $(head -1 "$T/big.err"))" [ "$st" = 0 ]
		check "$args: the command is traced" grep -Eq '^write\(1, "big\\n", 4\) += 4$' "$T/big.trace"
	done
else
	echo "# only $have KiB available: the 1 GiB-a-CPU buffers are not tried"
fi

# a program the verifier refuses: the embedded object with one instruction of
# vt_sys_enter turned into a read above the stack frame
obj="$TESTS_BUILDDIR/../bpf/vltrace.bpf.o"
if [ -f "$obj" ]; then
	python3 - "$obj" "$T/broken.o" tp_btf/sys_enter <<'EOF'
import struct, sys
data = bytearray(open(sys.argv[1], 'rb').read())
shoff, = struct.unpack_from('<Q', data, 0x28)
shentsize, shnum, shstrndx = struct.unpack_from('<HHH', data, 0x3a)
def sh(i):
    return struct.unpack_from('<IIQQQQIIQQ', data, shoff + i * shentsize)
names = sh(shstrndx)[4]
for i in range(shnum):
    h = sh(i)
    end = data.index(b'\0', names + h[0])
    if data[names + h[0]:end].decode() == sys.argv[3]:
        # r0 = *(u64 *)(r10 + 8): the verifier refuses it (EACCES)
        data[h[4]:h[4] + 8] = bytes([0x79, 0xa0, 8, 0, 0, 0, 0, 0])
        open(sys.argv[2], 'wb').write(data)
        sys.exit(0)
sys.exit('no section ' + sys.argv[3])
EOF
	timeout 60 "$VLTRACE" --bpf-object "$T/broken.o" -q -o /dev/null -- true 2> "$T/v.err"
	refused "a program the verifier refuses" "$T/v.err" $? \
		"verifier refused program vt_sys_enter \(\"invalid read from stack.*VLTRACE_DEBUG=1"
	check "... not reported as a lack of privileges" bash -c "! grep -q root '$T/v.err'"
	VLTRACE_DEBUG=1 timeout 60 "$VLTRACE" --bpf-object "$T/broken.o" -q -o /dev/null -- true \
		2> "$T/vd.err"
	check "... and VLTRACE_DEBUG=1 shows the verifier's log" \
		grep -q 'BEGIN PROG LOAD LOG' "$T/vd.err"
else
	fail "no BPF object at $obj to break"
fi

# ---- numbers with a sign, blanks or garbage ----
for args in "--buffer-size=-1" "--buffer-size= 8M" "--buffer-size=8Mx" \
	"--bench-iters=-1000" "--bench-iters=+5000"; do
	# shellcheck disable=SC2086
	timeout 30 "$VLTRACE" "$args" -q -o /dev/null -- true 2> "$T/n.err"
	refused "$args" "$T/n.err" $? "invalid --b"
done
VLTRACE_TUNE=queued=-1 timeout 30 "$VLTRACE" -q -o /dev/null -- true 2> "$T/t.err"
refused "VLTRACE_TUNE=queued=-1" "$T/t.err" $? "invalid VLTRACE_TUNE"
# a stats descriptor that is no number was taken as 0: the counts went to stdin
: > "$T/stdin"
VLTRACE_STATS_FD=stdout timeout 30 "$VLTRACE" -q -o /dev/null -- true 0<> "$T/stdin" 2> "$T/s.err"
st=$?
check "VLTRACE_STATS_FD=stdout: the command still runs (exit $st)" [ "$st" = 0 ]
check "... nothing is written to descriptor 0" [ ! -s "$T/stdin" ]
check "... and a warning says why" grep -q "VLTRACE_STATS_FD='stdout' is not an open file descriptor" "$T/s.err"
finish
