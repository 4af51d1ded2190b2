#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Outputs that cannot be hijacked or harm the command (docs/vltrace.1.md, FILES):
# -W - never changes the flags of a description others hold and keeps the
# command's stdout out of the trace stream; an output that is an input or the
# other output is refused; every write error is one line and exit 1; nothing is
# created or truncated before every option and target is checked; a closed
# stdout is said, and a closed fd 0/1/2 is never reused.  Then the planted-file
# test: another user plants a 0666 file, a symbolic link, a FIFO and a directory
# at each output path (-W, -o, -ff's FILE.TID) in a sticky world-writable
# directory, and may read nothing of the trace.
. "$TESTS_SRCDIR/integration/lib.sh"
. "$TESTS_SRCDIR/integration/proc-lib.sh"
require_bpf

errors_in() { grep -c '^vltrace: ' "$1"; }
# one_error FILE WORDS: FILE holds exactly one line, vltrace's, matching the regex WORDS
one_error() { [ "$(grep -c . "$1")" = 1 ] && grep -qE "^vltrace: .*$2" "$1"; }
# bounded: a hang is a failure after 30 s, never a stuck test
vt() { timeout -s KILL 30 "$VLTRACE" "$@"; }

"$VLTRACE" -q -W "$T/t.vlt" -- sh -c 'echo hello > /dev/null'
check "a trace to read back" [ -s "$T/t.vlt" ]
cp "$T/t.vlt" "$T/t.copy"

# ---- 1: -W - never sets O_DIRECT on a description the command shares ----
# fd 3 of the command is the same open file description as vltrace's stdout
vt -q -W - -- sh -c 'echo shared >&3 || exit 9' > "$T/shared.vlt" 3>&1 2> "$T/shared.err"
st=$?
check "-W - > FILE: the command writing to the same description succeeds (exit $st)" [ "$st" = 0 ]
check "... without 'Invalid argument'" bash -c "! grep -q 'Invalid argument' '$T/shared.err'"

# ---- 4: -W - | pipe: the command's stdout goes to vltrace's stderr ----
# -s 4: the trace's own copy of the write holds "from", not the whole line
vt -q -s 4 -W - -- sh -c 'printf "%s%s\n" from-the- command' 2> "$T/pipe.err" |
	cat > "$T/pipe.vlt"
st=${PIPESTATUS[0]}
check "-W - | cat: exit 0 (got $st)" [ "$st" = 0 ]
check "... the stream holds no byte of the command's output" \
	bash -c "! grep -q from-the-command '$T/pipe.vlt'"
check "... the command's output went to stderr" grep -q '^from-the-command$' "$T/pipe.err"
"$VLTRACE" -R "$T/pipe.vlt" -o "$T/pipe.txt" 2> "$T/pipe.rerr"
st=$?
check "... the stream reads back whole (exit $st, no warning)" \
	bash -c "[ $st = 0 ] && ! grep -q . '$T/pipe.rerr'"
check "... with the command's write, to fd 1" grep -q '^write(1, "from"\.\.\., 17) *= 17' "$T/pipe.txt"

# ---- 3: an output that is the same file as an input or as the other output ----
mkdir "$T/sub"
ln -s "$T" "$T/alias"
same() {
	local what=$1
	shift
	rm -f "$T/ran"
	vt "$@" > "$T/same.out" 2> "$T/same.err"
	st=$?
	check "$what: refused with exit 1 (got $st)" [ "$st" = 1 ]
	check "... in one line" one_error "$T/same.err" 'same file|the file -R reads|-R reads a trace'
	check "... the command never started" [ ! -e "$T/ran" ]
	check "... the input is untouched" cmp -s "$T/t.vlt" "$T/t.copy"
}
same "-R F -o F" -R "$T/t.vlt" -o "$T/t.vlt"
same "-R F -o sub/../F" -R "$T/t.vlt" -o "$T/sub/../t.vlt"
same "-R F -W F" -R "$T/t.vlt" -W "$T/t.vlt"
same "-R F -c -o F" -R "$T/t.vlt" -c -o "$T/t.vlt"
same "-W F -o F (F exists)" -W "$T/t.vlt" -o "$T/t.vlt" -- touch "$T/ran"
same "-W N -o ./N (N does not exist)" -W "$T/new.vlt" -o "$T/sub/../new.vlt" -- touch "$T/ran"
check "... and N was not created" [ ! -e "$T/new.vlt" ]
same "-W N -o N through a linked directory" -W "$T/new.vlt" -o "$T/alias/new.vlt" -- \
	touch "$T/ran"
check "... and N was not created" [ ! -e "$T/new.vlt" ]
same "-W - -o -" -W - -o - -- touch "$T/ran"
vt -R - -o "$T/t.vlt" < "$T/t.vlt" 2> "$T/same.err"
st=$?
check "-R - -o F < F: refused with exit 1 (got $st)" [ "$st" = 1 ]
check "... in one line" one_error "$T/same.err" 'the file -R reads'
check "... the input is untouched" cmp -s "$T/t.vlt" "$T/t.copy"
vt -R - -o - < "$T/t.vlt" > "$T/stdin.txt"
st=$?
check "-R - -o - (a file in, another out) is fine (exit $st)" [ "$st" = 0 ]
check "... and prints the trace" grep -q '^execve(' "$T/stdin.txt"
vt -q -W /dev/null -o /dev/null -- true
st=$?
check "-W /dev/null -o /dev/null is fine (exit $st)" [ "$st" = 0 ]

# ---- 6: write errors: one line, exit 1 ----
for fmt in text json perfetto; do
	vt -R "$T/t.vlt" --format=$fmt -o /dev/full 2> "$T/full.err"
	st=$?
	check "-R --format=$fmt -o /dev/full: exit 1 (got $st)" [ "$st" = 1 ]
	check "... one line naming the cause" one_error "$T/full.err" 'No space left on device'
done
vt -R "$T/t.vlt" -c -o /dev/full 2> "$T/full.err"
st=$?
check "-R -c -o /dev/full: exit 1 (got $st)" [ "$st" = 1 ]
check "... one line naming the cause" one_error "$T/full.err" 'No space left on device'
for opt in -c -C; do
	vt -q $opt -o /dev/full -- sh -c "echo done > '$T/full-done'" 2> "$T/full.err"
	st=$?
	check "$opt -o /dev/full: exit 1 (got $st)" [ "$st" = 1 ]
	check "... one line naming the cause" one_error "$T/full.err" 'No space left on device'
	check "... and the command ran" [ -e "$T/full-done" ]
	rm -f "$T/full-done"
done
# -ff on a full file system: a 64 KiB tmpfs, some 200 KiB of lines
mkdir "$T/small"
if mount -t tmpfs -o size=64k vltrace-test "$T/small"; then
	on_exit "umount '$T/small' 2>/dev/null"
	vt -q -ff -o "$T/small/ff" -- sh -c "
		i=0
		while [ \$i -lt 3000 ]; do test -e /nonexistent/vltrace-safe; i=\$((i + 1)); done
		echo done > '$T/ff-done'" 2> "$T/ff.err"
	st=$?
	check "-ff -o on a full file system: exit 1 (got $st)" [ "$st" = 1 ]
	check "... one line naming the file and the cause" \
		one_error "$T/ff.err" "small/ff\.[0-9]+: No space left on device"
	check "... and the command ran to its end" [ -e "$T/ff-done" ]
	umount "$T/small"
else
	fail "mount a small tmpfs for the -ff full disk test"
fi

# ---- 9: nothing created or truncated before everything is checked ----
echo precious > "$T/keep"
cp "$T/keep" "$T/keep.copy"
refuse() {
	local what=$1
	shift
	vt "$@" > /dev/null 2> "$T/refuse.err"
	st=$?
	check "$what: refused with exit 1 (got $st)" [ "$st" = 1 ]
	check "... the existing file keeps its content" cmp -s "$T/keep" "$T/keep.copy"
	check "... and no other file was created" [ ! -e "$T/keep-new" ]
}
for opt in -W -o "-c -o" "-ff -o"; do
	refuse "$opt FILE -p (no such pid)" $opt "$T/keep" -p 999999999
	refuse "$opt FILE -- (no such command)" $opt "$T/keep" -- /nonexistent/vltrace-cmd
	refuse "$opt FILE -u (no such user)" $opt "$T/keep" -u vltrace-no-such-user -- true
	refuse "$opt FILE (bad option)" $opt "$T/keep" --no-such-option -- true
	refuse "$opt NEW -p (no such pid)" $opt "$T/keep-new" -p 999999999
done
refuse "-W FILE -o NEW -N (no such name)" -W "$T/keep" -o "$T/keep-new" -N vltrace-no-such
check "-ff: no FILE.TID was created" bash -c "! ls '$T'/keep.[0-9]* 2>/dev/null | grep -q ."

# ---- 12: a closed stdout, and closed standard descriptors never reused ----
for args in "-o - -- true" "-W - -- true" "-o /dev/stdout -- true" "-R $T/t.vlt -o -"; do
	vt $args >&- 2> "$T/closed.err"
	st=$?
	check "$args with stdout closed: exit 1 (got $st)" [ "$st" = 1 ]
	check "... one line saying so" one_error "$T/closed.err" 'standard output is closed'
done
# the command, started with fd 1 closed, finds what vltrace holds there: nothing of its own
vt -q -o "$T/fd1.txt" -- sh -c 'readlink /proc/$PPID/fd/1 >&2; echo x 2>/dev/null; echo "rc $?" >&2' \
	>&- 2> "$T/fd1.err"
st=$?
check "-o FILE with stdout closed: exit 0 (got $st)" [ "$st" = 0 ]
check "... vltrace's fd 1 is /dev/null, not the output: $(head -1 "$T/fd1.err")" \
	[ "$(head -1 "$T/fd1.err")" = /dev/null ]
check "... and the command's stdout is closed, as it was given" grep -qx 'rc 1' "$T/fd1.err"
check "... the output file got the trace" grep -q '^execve(' "$T/fd1.txt"

# ---- the planted-file test ----
PLANTER=nobody
id "$PLANTER" > /dev/null 2>&1 || skip_or_fail "no user $PLANTER to plant files"
PU=$(id -u "$PLANTER")
PG=$(id -g "$PLANTER")
as_planter() { timeout -s KILL 30 setpriv --reuid="$PU" --regid="$PG" --clear-groups "$@"; }
old_regular=$(sysctl -n fs.protected_regular)
old_fifos=$(sysctl -n fs.protected_fifos)
old_hardlinks=$(sysctl -n fs.protected_hardlinks)
on_exit "sysctl -qw fs.protected_regular=$old_regular fs.protected_fifos=$old_fifos \
	fs.protected_hardlinks=$old_hardlinks"
sysctl -qw fs.protected_regular=0 fs.protected_fifos=0 fs.protected_hardlinks=0 ||
	skip_or_fail "cannot set fs.protected_regular, fs.protected_fifos, fs.protected_hardlinks"
D=$(mktemp -d /tmp/vltrace-plant.XXXXXX)
on_exit "rm -rf '$D'"
chmod 1777 "$D"
SECRET=vltrace-secret-$RANDOM$RANDOM
echo "$SECRET" > "$T/secret"
chmod 600 "$T/secret"
as_planter sh -c "echo mine > '$D/readable'; chmod 644 '$D/readable'"

# plant KIND PATH: as the planter; fifo-read leaves a reader on the FIFO
plant() {
	case $1 in
	file) as_planter sh -c "touch '$2'; chmod 666 '$2'" ;;
	link) as_planter ln -s "$D/readable" "$2" ;;
	fifo) as_planter mkfifo -m 666 "$2" ;;
	fifo-read)
		as_planter mkfifo -m 666 "$2"
		as_planter sh -c "cat '$2' > '$2.got'" &
		track $!
		;;
	dir) as_planter mkdir -m 777 "$2" ;;
	esac
}
# intact KIND PATH: the planted thing is as it was, and holds nothing
intact() {
	case $1 in
	file) [ -f "$2" ] && [ ! -s "$2" ] && [ "$(stat -c %u "$2")" = "$PU" ] ;;
	link) [ -L "$2" ] && [ "$(cat "$D/readable")" = mine ] ;;
	fifo | fifo-read) [ -p "$2" ] ;;
	dir) [ -d "$2" ] && [ -z "$(ls -A "$2")" ] ;;
	esac
}
# the loop a -ff case attaches to: its main thread's file is the planted path
bash -c "while :; do read -r x < '$T/secret'; done" &
LOOP=$!
track $LOOP
for kind in file link fifo fifo-read dir; do
	for mode in W o ff; do
		rm -f "$T/ran"
		if [ $mode = ff ]; then
			path=$D/$mode-$kind.$LOOP
			plant $kind "$path"
			vt -q -ff -o "$D/$mode-$kind" -p $LOOP 2> "$T/plant.err"
		else
			path=$D/$mode-$kind
			plant $kind "$path"
			vt -q -$mode "$path" -- sh -c "touch '$T/ran'; exec cat '$T/secret' > /dev/null" \
				2> "$T/plant.err"
		fi
		st=$?
		check "planted $kind at -$mode's path: refused, exit 1, no hang (got $st)" [ "$st" = 1 ]
		check "... in one line: $(head -1 "$T/plant.err")" one_error "$T/plant.err" \
			"$mode-$kind"
		[ $mode = ff ] || check "... before the command started" [ ! -e "$T/ran" ]
		check "... the planted $kind is as it was" intact $kind "$path"
		check "... and vltrace left no file of its own beside it" bash -c \
			"! ls '$D' | grep -qE '^$mode-$kind(\\.[0-9]+)?\\.[A-Za-z0-9]{6}\$'"
	done
done
check "the loop -ff attached to still runs" alive $LOOP

# an existing file of root's, opened by the planter beforehand: replaced, never shown
for mode in W o; do
	path=$D/held-$mode
	: > "$path"
	chmod 644 "$path"
	as_planter sh -c "exec 3< '$path'; touch '$D/opened-$mode'
		while [ ! -e '$D/go-$mode' ]; do sleep 0.1; done
		cat <&3 > '$D/held-$mode.got'" &
	H=$!
	track $H
	opened() { [ -e "$D/opened-$mode" ]; }
	wait_until 100 opened
	vt -q -$mode "$path" -- sh -c "exec cat '$T/secret' > /dev/null" 2> "$T/held.err"
	st=$?
	touch "$D/go-$mode"
	reap $H
	check "root's own file at -$mode's path, held open by the planter: replaced, exit 0 (got $st)" \
		[ "$st" = 0 ]
	check "... the path is a fresh 0600 file of root's" \
		[ "$(stat -c '%u %a' "$path")" = "0 600" ]
	if [ $mode = W ]; then
		"$VLTRACE" -R "$path" -o "$T/held.txt"
	else
		cp "$path" "$T/held.txt"
	fi
	check "... holding the trace" grep -q "$SECRET" "$T/held.txt"
	check "... while the planter's descriptor read nothing" [ ! -s "$D/held-$mode.got" ]
done

# a hard link the planter made to a file of root's: the path is replaced, the file untouched
echo "root's own" > "$D/rootfile"
chmod 644 "$D/rootfile"
for mode in W o; do
	path=$D/hard-$mode
	as_planter ln "$D/rootfile" "$path"
	vt -q -$mode "$path" -- true 2> "$T/hard.err"
	st=$?
	check "a hard link to root's file at -$mode's path: replaced, exit 0 (got $st)" [ "$st" = 0 ]
	check "... root's file keeps its content" [ "$(cat "$D/rootfile")" = "root's own" ]
	check "... the path is a file of its own" [ "$(stat -c %h "$path")" = 1 ]
done

# whatever the planter can read holds nothing of the trace
as_planter find "$D" -type f -readable -exec cat {} + > "$T/planter-read" 2>/dev/null
check "the planter can read nothing of the trace" bash -c \
	"! grep -qaE '$SECRET|execve|VLTRACE' '$T/planter-read'"
check "... and read something (the test sees what the planter sees)" grep -q mine "$T/planter-read"
finish
