#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Build the trace file fuzzer out of tree with clang (libFuzzer, AddressSanitizer,
# UndefinedBehaviorSanitizer) and run it for SECONDS (default 60) from the seed
# corpus.  Exits non-zero when the fuzzer finds a crash, a leak or a broken check;
# the input that caused it is left in the build directory as crash-* (or leak-*,
# timeout-*), to be replayed with: BUILD/tests/fuzz/fuzz-tracefile FILE
#
# usage: tests/fuzz/run-fuzzer.sh [SECONDS]
# environment: FUZZ_BUILDDIR (default: a new directory under /tmp)
set -eu

secs=${1:-60}
case $secs in
''|*[!0-9]*) echo "run-fuzzer.sh: SECONDS must be a number, not '$secs'" >&2; exit 2 ;;
esac

srcdir=$(cd "$(dirname "$0")/../.." && pwd)
builddir=${FUZZ_BUILDDIR:-$(mktemp -d /tmp/vltrace-fuzz.XXXXXX)}

command -v clang >/dev/null ||
	{ echo "run-fuzzer.sh: clang not found: install the Debian package clang" >&2; exit 99; }

mkdir -p "$builddir"
cd "$builddir"
# Compiled directly, not through configure: the source tree may already be
# configured in place (as CI does), which rules out a second, out-of-tree configure.
# The reader needs nothing generated: tracefile.c, crc32c.c, util.c, zlib and libzstd.
FUZZ_FLAGS="-g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined
	-fno-sanitize-recover=undefined -D_GNU_SOURCE -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
	-I$srcdir/src -I$srcdir/bpf -idirafter /usr/include/$(uname -m)-linux-gnu"
mkdir -p tests/fuzz
# shellcheck disable=SC2086
{ clang $FUZZ_FLAGS -o tests/fuzz/fuzz-tracefile "$srcdir/tests/fuzz/fuzz-tracefile.c" \
	"$srcdir/src/tracefile.c" "$srcdir/src/crc32c.c" "$srcdir/src/util.c" -lz -lzstd &&
  clang $(echo "$FUZZ_FLAGS" | sed 's/-fsanitize=fuzzer,/-fsanitize=/') \
	-o tests/fuzz/make-seeds "$srcdir/tests/fuzz/make-seeds.c" \
	"$srcdir/src/tracefile.c" "$srcdir/src/crc32c.c" "$srcdir/src/util.c" -lz -lzstd; } >build.log 2>&1 ||
	{ tail -n 40 build.log >&2; echo "run-fuzzer.sh: build failed" >&2; exit 99; }

# the fuzzer adds what it finds to its first corpus directory: keep the repository's clean
rm -rf corpus
mkdir corpus
cp "$srcdir"/tests/fuzz/corpus/* corpus/ 2>/dev/null || true
./tests/fuzz/make-seeds corpus

echo "run-fuzzer.sh: fuzzing the trace file reader for $secs s in $builddir"
set +e
ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1} \
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
./tests/fuzz/fuzz-tracefile -max_total_time="$secs" -max_len=65536 -timeout=10 \
	-rss_limit_mb=2048 -error_exitcode=1 -timeout_exitcode=1 -print_final_stats=1 \
	-artifact_prefix="$builddir/" corpus >fuzz.log 2>&1
rc=$?
set -e
tail -n 25 fuzz.log
if [ "$rc" -ne 0 ]; then
	echo "run-fuzzer.sh: the fuzzer failed (exit $rc); inputs: $(ls "$builddir" | grep -E '^(crash|leak|timeout|oom)-' | tr '\n' ' ')" >&2
	exit 1
fi
echo "run-fuzzer.sh: no crash in $secs s"
