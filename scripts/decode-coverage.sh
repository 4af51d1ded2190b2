#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# How far vltrace decodes each syscall, from the argument table: a syscall whose
# arguments all have a type of their own is "typed"; one with an argument left
# as a raw pointer (P) or hex number (X) is "raw", with those arguments named.
# A raw pointer is sometimes all strace prints too (brk, mmap's address): the
# list says where to look, not what is wrong.  Families are strace's classes.
# Usage: decode-coverage.sh src/tables/syscalls.def > table.md
set -e
def=${1:?usage: decode-coverage.sh path/to/syscalls.def}
sed -n 's/^SC(\(.*\))$/\1/p' "$def" | tr -d ' ' | awk -F, '
function family(a, cls, i) {
	if (cls ~ /TN/) return "network"
	if (cls ~ /TS/) return "signal"
	if (cls ~ /TI/) return "ipc"
	if (cls ~ /TM/) return "memory"
	if (cls ~ /TP/) return "process"
	if (cls ~ /TCL/) return "clock"
	if (cls ~ /TC/) return "credentials"
	for (i = 3; i <= 8; i++) if (a[i] == "PATH") return "file"
	for (i = 3; i <= 8; i++) if (a[i] == "FD" || a[i] == "DIRFD") return "desc"
	if (a[9] == "RFD") return "desc"
	return "other"
}
{
	split($0, a, ",")
	n = a[2] + 0
	f = family(a, a[10])
	raw = ""
	for (i = 0; i < n; i++)
		if (a[3 + i] == "P" || a[3 + i] == "X")
			raw = raw (raw == "" ? "" : " ") "arg" i "=" a[3 + i]
	total[f]++
	if (raw == "") {
		typed[f]++
	} else {
		rawn[f]++
		list[f] = list[f] sprintf("| %s | %s | %s |\n", f, a[1], raw)
	}
	fams[f] = 1
}
END {
	print "| family | syscalls | typed | with raw arguments |"
	print "|---|---:|---:|---:|"
	split("file desc network process memory signal ipc credentials clock other", order, " ")
	for (k = 1; k <= 10; k++) {
		f = order[k]
		if (!(f in fams))
			continue
		printf "| %s | %d | %d | %d |\n", f, total[f], typed[f], rawn[f]
		all += total[f]; t += typed[f]; r += rawn[f]
	}
	printf "| all | %d | %d | %d |\n", all, t, r
	print ""
	print "| family | syscall | raw arguments |"
	print "|---|---|---|"
	for (k = 1; k <= 10; k++)
		printf "%s", list[order[k]]
}'
