#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# -u USER: the command runs as USER (uid, gid, supplementary groups), fully
# unprivileged, while vltrace stays root and traces it from its execve.
. "$TESTS_SRCDIR/integration/lib.sh"
require_bpf

id nobody > /dev/null 2>&1 || skip_or_fail "no user nobody"
uid=$(id -u nobody)
gid=$(id -g nobody)
groups=$(id -G nobody | tr ' ' '\n' | sort -n | tr '\n' ' ')
chmod 755 "$T"

"$VLTRACE" -u nobody -o "$T/trace" -- sh -c 'id -u; id -g; id -G; grep ^CapEff /proc/self/status' > "$T/out"
check "vltrace -u nobody exits 0" [ $? = 0 ]
check "the command's uid is nobody's ($(sed -n 1p "$T/out"))" [ "$(sed -n 1p "$T/out")" = "$uid" ]
check "the command's gid is nobody's ($(sed -n 2p "$T/out"))" [ "$(sed -n 2p "$T/out")" = "$gid" ]
got=$(sed -n 3p "$T/out" | tr ' ' '\n' | sort -n | tr '\n' ' ')
check "the command's groups are nobody's ($got)" [ "$got" = "$groups" ]
check "the command holds no capability" grep -qx 'CapEff:[[:space:]]*0000000000000000' "$T/out"
check "the command is traced from its execve" grep -q '^execve("/usr/bin/sh"' "$T/trace"
check "... and its children's calls made as nobody are not (no -f)" bash -c "! grep -q '^execve(\"/usr/bin/id\"' '$T/trace'"

"$VLTRACE" -f -u nobody -o "$T/trace2" -- sh -c 'touch /root/vltrace-user-test 2>/dev/null; exit 0'
check "with -f, the child's denied write is in the trace (EACCES)" \
	grep -q 'openat(AT_FDCWD, "/root/vltrace-user-test", .* = -1 EACCES' "$T/trace2"
check "... and nothing was created in /root" [ ! -e /root/vltrace-user-test ]

out=$("$VLTRACE" -u no-such-user-vltrace -- true 2>&1)
st=$?
check "an unknown user is refused with exit 1 (got $st)" [ "$st" = 1 ]
check "... in one line naming it" bash -c "[ \$(printf '%s\n' \"$out\" | wc -l) = 1 ] && printf '%s' \"$out\" | grep -q no-such-user-vltrace"
finish
