#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Compressed trace files: -W with zstd blocks, then -R, gives the lines the same run
# printed live, as -W --compress=none does; the file is several times smaller; a
# compressed file cut anywhere reads up to its last whole block; bad --compress
# values are refused with one line before anything runs; -W ends with a line that
# says what was written.
. "$TESTS_SRCDIR/integration/lib.sh"
require_bpf

# the interpreter itself, not a wrapper script that forks first
PYTHON=$(ls /usr/bin/python3 2>/dev/null || command -v python3)

# about 20 blocks of 1 MiB before compression, so that a cut falls mid-run; in
# bursts a loaded machine keeps up with, so that no block has to go out raw (the
# writer behind: tests/unit/writer.c) and the sizes below are those of zstd
calls=200000
burst='import os, time
for i in range(20):
    for j in range(10000): os.getppid()
    time.sleep(0.05)'

for c in zstd zstd:19 none; do
	"$VLTRACE" -q -e trace=getppid --compress=$c -W "$T/$c.vlt" -o "$T/$c.live" -- \
		"$PYTHON" -c "$burst" 2> "$T/$c.err"
	check "--compress=$c: the traced command exits 0" [ $? = 0 ]
	"$VLTRACE" -R "$T/$c.vlt" -o "$T/$c.read" 2> "$T/$c.rerr"
	if [ $? = 0 ] && [ ! -s "$T/$c.rerr" ]; then
		pass "--compress=$c: -R exits 0 and warns of nothing"
	else
		fail "--compress=$c: -R exits 0 and warns of nothing"
	fi
	n=$(grep -c '^getppid() *= ' "$T/$c.read")
	check "--compress=$c: -R shows every call ($n of $calls)" [ "$n" = "$calls" ]
	if cmp -s "$T/$c.live" "$T/$c.read"; then
		pass "--compress=$c: -R gives the lines the run printed live"
	else
		fail "--compress=$c: -R gives the lines the run printed live"
		diff "$T/$c.live" "$T/$c.read" | head -5
	fi
done
# the same calls, so the same text but for the pids: the files differ only in size
zs=$(stat -c %s "$T/zstd.vlt")
ns=$(stat -c %s "$T/none.vlt")
check "zstd file ($zs bytes) is at least 4 times smaller than the raw one ($ns)" \
	[ $((zs * 4)) -lt "$ns" ]
sed 's/[0-9]\{1,\}$//' "$T/zstd.read" > "$T/a"
sed 's/[0-9]\{1,\}$//' "$T/none.read" > "$T/b"
check "the zstd and raw files read as the same calls" cmp -s "$T/a" "$T/b"
"$VLTRACE" -q -e trace=getppid -W "$T/def.vlt" -- "$PYTHON" -c "$burst"
ds=$(stat -c %s "$T/def.vlt")
check "without --compress the file is compressed too ($ds bytes)" [ $((ds * 4)) -lt "$ns" ]

# cut in the middle: the whole blocks before the cut read, with a warning, exit 0
head -c $((zs / 2)) "$T/zstd.vlt" > "$T/cut.vlt"
"$VLTRACE" -R "$T/cut.vlt" -o "$T/cut.read" 2> "$T/cut.err"
st=$?
n=$(grep -c '^getppid() *= ' "$T/cut.read")
# (its last line may be a call cut in two, printed unfinished: compared up to it)
head -n -1 "$T/cut.read" > "$T/cut.head"
if [ "$st" = 0 ] && [ "$n" -gt 0 ] && [ "$n" -lt "$calls" ] &&
	cmp -s "$T/cut.head" <(head -n "$(wc -l < "$T/cut.head")" "$T/zstd.read"); then
	pass "a compressed file cut in half reads (exit $st, $n calls, a prefix of the run)"
else
	fail "a compressed file cut in half reads (exit $st, $n calls, a prefix of the run)"
fi
check "... and warns that it was cut short" grep -q 'cut short' "$T/cut.err"

for bad in zstd:0 zstd:20 zstd:x lz4 zstd1 ''; do
	out=$("$VLTRACE" --compress="$bad" -W "$T/bad.vlt" -- true 2>&1)
	st=$?
	if [ "$st" = 1 ] && [ "$(printf '%s\n' "$out" | wc -l)" = 1 ] && [ ! -e "$T/bad.vlt" ]; then
		pass "--compress='$bad' refused with one line, exit 1 ($out)"
	else
		fail "--compress='$bad' refused with one line, exit 1 ($out)"
	fi
done
out=$("$VLTRACE" --compress=zstd -o /dev/null -- true 2>&1)
if [ $? = 1 ] && [ -n "$out" ]; then
	pass "--compress without -W refused ($out)"
else
	fail "--compress without -W refused ($out)"
fi

# the closing line: what went into the file, on stderr, unless -q
"$VLTRACE" -e trace=getppid -W "$T/close.vlt" -- "$VLTRACE" --bench-child getppid 1000 \
	2> "$T/close.err"
size=$(stat -c %s "$T/close.vlt")
check "closing line: records, 1000 calls, the file's $size bytes, before compression, lost" \
	grep -qE "^vltrace: [0-9]+ records, 1000 calls, $size bytes written \([0-9]+ before zstd:1 compression\), 1 file, 0 lost$" "$T/close.err"
"$VLTRACE" -q -e trace=getppid -W "$T/close.vlt" -- true 2> "$T/close.err"
check "no closing line with -q" [ ! -s "$T/close.err" ]
finish
