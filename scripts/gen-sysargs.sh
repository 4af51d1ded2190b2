#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# First draft of src/tables/syscalls.def from the running kernel's syscall
# tracepoint formats (argument names and C types).  The output is a starting
# point only: the committed table is annotated by hand with the types strace
# decodes (flags, structs, output buffers), so do not regenerate over it.
# Usage: gen-sysargs.sh [/sys/kernel/tracing] > syscalls.def.draft
set -e
tr=${1:-/sys/kernel/tracing}
for d in "$tr"/events/syscalls/sys_enter_*; do
	name=${d##*/sys_enter_}
	printf '%s' "$name"
	# the first five fields are the tracepoint's own (common_*, __syscall_nr)
	grep -o 'field:[^;]*;' "$d/format" | sed -n '6,$p' |
		sed 's/^field:\(.*\);$/\1/' | while read -r f; do
			printf '\t%s' "$f"
		done
	echo
done | awk -F '\t' '
function kind(decl,   t, n) {
	n = decl; sub(/.* \**/, "", n)
	t = decl; sub(/ *[A-Za-z_0-9]*$/, "", t)
	if (n ~ /^(fd|ufd|epfd|fd_in|fd_out|oldfd|newfd|out_fd|in_fd|pidfd|mqdes)$/) return "FD"
	if (n ~ /^(dfd|olddfd|newdfd|dirfd|from_dfd|to_dfd)$/) return "DIRFD"
	if (t == "const char *" && n ~ /(filename|pathname|path|oldname|newname|name|specialfile|library)$/) {
		if (n == "name") return "STR"
		return "PATH"
	}
	if (t == "const char *") return "STR"
	if (t == "const char *const *") return "P"
	if (t == "umode_t") return "MODE"
	if (t ~ /\*$/) return "P"
	if (n ~ /flags$/) return "X"
	if (t ~ /^(int|pid_t|const clockid_t|clockid_t|timer_t|key_t|mqd_t|key_serial_t)$/) return "D"
	if (t ~ /^(unsigned int|unsigned|uid_t|gid_t|u32|const __u32|qid_t|rwf_t)$/) return "U"
	if (t ~ /^(long|loff_t|off_t)$/) return "LD"
	if (t ~ /^(size_t|unsigned long|aio_context_t)$/) {
		if (n ~ /(addr|start|brk|ptr|sp|tls)$/) return "X"
		return "LU"
	}
	return "X"
}
{
	out = "SC(" $1 ", " (NF - 1)
	for (i = 2; i <= 7; i++)
		out = out ", " (i <= NF ? kind($i) : "_")
	print out ", RD, 0)"
}'
