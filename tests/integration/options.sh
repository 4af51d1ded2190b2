#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# strace's output options (-x, -xx, --strings-in-hex, -n, -a, -A, -v, the
# timestamp precisions, -e quiet=, -e signal=, -e read=, -e write=,
# -e trace=/REGEX and ?NAME), each run by
# strace and by vltrace on the same command: the lines must be strace's, with
# pids, and for the timestamp forms every digit, masked.  The ptrace-only
# options are accepted with one note each.
. "$TESTS_SRCDIR/integration/lib.sh"
require_bpf
require_cmd strace

# same WHAT OPTIONS... -- COMMAND...: strace's and vltrace's lines (those with
# $only in them, if set), masked by $mask
mask='s/\b[0-9]{3,}\b/N/g'
same() {
	local what=$1 i=$((${i:-0} + 1))
	shift
	strace -o "$T/s$i" "$@" > /dev/null 2>&1
	"$VLTRACE" -o "$T/v$i" "$@" > /dev/null 2>&1
	grep -F -- "${only:-}" "$T/s$i" | sed -E "$mask" > "$T/s$i.n"
	grep -F -- "${only:-}" "$T/v$i" | sed -E "$mask" > "$T/v$i.n"
	if [ ! -s "$T/s$i.n" ]; then
		fail "$what: strace printed nothing"
	elif diff "$T/s$i.n" "$T/v$i.n" > "$T/d$i"; then
		pass "$what as strace: $(head -1 "$T/v$i.n")"
	else
		fail "$what as strace"
		show "$T/d$i"
	fi
}

# write(2)s of text, of text with control bytes, of non-ASCII bytes
text=$'ab\n\tc "q"'
bin=$'a\351b\001z7'
for opt in -x -xx --strings-in-hex --strings-in-hex=all --strings-in-hex=non-ascii \
	--strings-in-hex=non-ascii-chars --strings-in-hex=none; do
	same "$opt" "$opt" -e trace=write -- printf '%s%s' "$text" "$bin"
	same "$opt, text only" "$opt" -e trace=write -- printf '%s' "$text"
done
same "-x on a path" -x -e trace=openat -- cat $'/nonexistent/\351t\001'
same "-n" -n -e trace=write,exit_group -- printf hi
same "-n, the exit line of an untraced exit_group" -n -e trace=write -- printf hi
same "--syscall-number" --syscall-number -e trace=getpid,write -- sh -c 'echo $$'
same "-a 20" -a 20 -e trace=write,getpid -- sh -c 'echo $$'
same "--columns=60" --columns=60 -e trace=write -- printf hi
same "-a 0" -a 0 -e trace=write -- printf hi

# -v: stat's every field (a file and a device of the test's own, times fixed),
# execve's environment
touch -d @1700000000.25 "$T/file"
# an access time ahead of the clock, which reading the file leaves alone (relatime)
touch -a -d @1900000000.5 "$T/file"
mknod "$T/cdev" c 1 3 && touch -h -d @1700000001 "$T/cdev"
# (only the test's files: the times of the system's files stat reads can change)
only=$T
pystat='import os, sys; [os.stat(p) for p in sys.argv[1:]]'
same "-v, stat" -v -e trace=newfstatat -- python3 -c "$pystat" "$T/file" "$T/cdev"
same "--no-abbrev, stat" --no-abbrev -e trace=newfstatat -- python3 -c "$pystat" "$T/file"
same "stat without -v" -e trace=newfstatat -- python3 -c "$pystat" "$T/file" "$T/cdev"
only=
strace -v -o "$T/se" -e trace=execve -- env -i A=1 B=2 /bin/true
"$VLTRACE" -v -o "$T/ve" -e trace=execve -- env -i A=1 B=2 /bin/true
# the environment of env itself differs (its _= names the tracer)
if grep -q '\["A=1", "B=2"\]' "$T/se" &&
	[ "$(grep '^execve("/bin/true"' "$T/se")" = "$(grep '^execve("/bin/true"' "$T/ve")" ]; then
	pass "-v, execve's environment as strace: $(grep -F '["A=1", "B=2"]' "$T/ve")"
else
	fail "-v, execve's environment as strace"
	grep execve "$T/se" "$T/ve" | cut -c1-200
fi
if "$VLTRACE" -X raw -o /dev/null -- true 2> "$T/err" || [ "$(wc -l < "$T/err")" != 1 ]; then
	fail "-X raw is refused in one line: $(cat "$T/err")"
else
	pass "-X raw is refused in one line: $(cat "$T/err")"
fi

# -A appends, as strace -A does, to what the file already held
for tool in strace "$VLTRACE"; do
	f=$T/append.$(basename "$tool")
	echo "already there" > "$f"
	"$tool" -A -o "$f" -e trace=write -- printf one > /dev/null 2>&1
	"$tool" --output-append-mode -o "$f" -e trace=write -- printf two > /dev/null 2>&1
done
if [ "$(head -1 "$T/append.strace")" = "already there" ] &&
	diff "$T/append.strace" "$T/append.vltrace" > "$T/d-append"; then
	pass "-A appends as strace: $(wc -l < "$T/append.vltrace") lines"
else
	fail "-A appends as strace"
	show "$T/d-append"
fi

# -A keeps -o's rule: a link planted at the path is refused, its target untouched
echo "not yours" > "$T/target"
ln -s "$T/target" "$T/planted"
if "$VLTRACE" -A -o "$T/planted" -- true 2> "$T/err" || [ "$(wc -l < "$T/err")" != 1 ] ||
	[ "$(cat "$T/target")" != "not yours" ]; then
	fail "-A refuses a symbolic link as -o does: $(cat "$T/err")"
else
	pass "-A refuses a symbolic link as -o does: $(cat "$T/err")"
fi

# the timestamp precisions: every digit masked, the shape must be strace's
mask='s/[0-9]/9/g'
for opt in --relative-timestamps=s --relative-timestamps=ms --relative-timestamps=ns \
	--relative-timestamps=us -r; do
	same "$opt" "$opt" -e trace=getppid -- sh -c 'exec cat /dev/null'
done
for opt in --syscall-times=s --syscall-times=ms --syscall-times=us --syscall-times=ns -T; do
	same "$opt" "$opt" -e trace=getppid,close -- cat /dev/null
done
for opt in --absolute-timestamps --absolute-timestamps=ms --absolute-timestamps=unix \
	--absolute-timestamps=unix,ns --absolute-timestamps=format:time,precision:us \
	--absolute-timestamps=format:unix,precision:ms --absolute-timestamps=none; do
	same "$opt" "$opt" -e trace=close -- cat /dev/null
done
same "-t -r --relative-timestamps=ns" -t -r --relative-timestamps=ns -e trace=close -- cat /dev/null
if "$VLTRACE" -t --absolute-timestamps=ns -o /dev/null -- true 2> "$T/err" ||
	[ "$(wc -l < "$T/err")" != 1 ] || ! grep -q '^vltrace: -t and --absolute' "$T/err"; then
	fail "-t with --absolute-timestamps is refused, as by strace: $(cat "$T/err")"
else
	pass "-t with --absolute-timestamps is refused, as by strace: $(cat "$T/err")"
fi
mask='s/\b[0-9]{3,}\b/N/g'

# -e quiet=, --quiet=
same "-e quiet=exit" -e quiet=exit -e trace=write -- printf hi
same "--quiet=attach,exit" --quiet=attach,exit -e trace=write -- printf hi
same "-e quiet=!exit" -e 'quiet=!exit' -e trace=write -- printf hi
same "-qqq" -qqq -e trace=write -- printf hi

# -e signal=: only these signals' lines
sig='trap : USR1 USR2 HUP; kill -USR1 $$; kill -USR2 $$; kill -HUP $$'
same "-e signal=USR2" -e signal=USR2 -e trace=none -- bash -c "$sig"
same "-e signal=!SIGUSR1,1" -e 'signal=!SIGUSR1,1' -e trace=none -- bash -c "$sig"
same "--signal=none" --signal=none -e trace=none -- bash -c "$sig"
same "-e signal=10,hup" -e signal=10,hup -e trace=none -- bash -c "$sig"

# -e read=, -e write=: hex dumps of the data, longer than -s, on these fds only
printf 'line one\n\001\002\377 binary %.0s' $(seq 1 20) > "$T/data"
same "-e read=3 -e write=1" -e read=3 -e write=1 -e trace=read,write -- cat "$T/data"
same "-e read=!3 -e write=none" -e 'read=!3' -e write=none -e trace=read,write -- cat "$T/data"
same "-e write=all, pwrite64" -e write=all -e trace=pwrite64,write -- \
	dd if="$T/data" of="$T/data.out" bs=100 seek=1 status=none oflag=seek_bytes

# -e trace=/REGEX and ?NAME
same "-e trace=/REGEX" -e 'trace=/^get(e?uid|e?gid)$' -- id
same "-e trace=?NAME" -e 'trace=?no_such_call,getuid,?%nosuchclass' -- id
if "$VLTRACE" -e 'trace=/(' -o /dev/null -- true 2> "$T/err" ||
	[ "$(wc -l < "$T/err")" != 1 ] || ! grep -q '^vltrace: invalid regular expression' "$T/err"; then
	fail "a bad /REGEX is one line of error: $(cat "$T/err")"
else
	pass "a bad /REGEX is one line of error: $(cat "$T/err")"
fi

# strace's ptrace options: accepted, one note each, the trace unchanged
"$VLTRACE" -D -I 2 --seccomp-bpf -b execve --kill-on-exit --daemonize=pgroup -d \
	--interruptible=never -o "$T/vp" -e trace=write -- printf hi > /dev/null 2> "$T/err"
st=$?
if [ "$st" = 0 ] && [ "$(wc -l < "$T/err")" = 8 ] &&
	[ "$(grep -c 'has no effect: vltrace traces without ptrace$' "$T/err")" = 8 ] &&
	grep -q '^write(1, "hi", 2) *= 2$' "$T/vp"; then
	pass "ptrace-only options accepted with a note each: $(head -1 "$T/err")"
else
	fail "ptrace-only options accepted with a note each (exit $st)"
	show "$T/err"
fi
finish
