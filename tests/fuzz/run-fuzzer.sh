#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Build a fuzzer out of tree with clang (libFuzzer, AddressSanitizer,
# UndefinedBehaviorSanitizer) and run it for SECONDS (default 60) from the seed
# corpus.  TARGET is tracefile (default: the trace file reader) or render (the whole
# -R path: reader, refilter, decoders and every output format).  Exits non-zero
# when the fuzzer finds a crash, a leak or a broken check; the input that caused it
# is left in the build directory as crash-* (or leak-*, timeout-*), to be replayed
# with: BUILD/tests/fuzz/fuzz-TARGET FILE
#
# usage: tests/fuzz/run-fuzzer.sh [SECONDS [TARGET]]
# environment: FUZZ_BUILDDIR (default: a new directory under /tmp)
set -eu

secs=${1:-60}
target=${2:-tracefile}
case $target in
tracefile|render) ;;
*) echo "run-fuzzer.sh: TARGET must be tracefile or render, not '$target'" >&2; exit 2 ;;
esac
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
# The reader needs nothing generated: tracefile.c, crc32c.c, util.c, zlib and libzstd; the
# renderer needs the syscall table generated from the C library's kernel headers
# and the constant tables generated from src/xlat/*.in.
FUZZ_FLAGS="-g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined
	-fno-sanitize-recover=undefined -D_GNU_SOURCE -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
	-I$builddir/src -I$srcdir/src -I$srcdir/bpf -idirafter /usr/include/$(uname -m)-linux-gnu"
READER_SRCS="$srcdir/src/tracefile.c $srcdir/src/crc32c.c $srcdir/src/util.c"
# the decoders by family (decode-*.c), whatever families there are
RENDER_SRCS="$srcdir/src/outbuf.c $srcdir/src/dstr.c $srcdir/src/xlat.c $srcdir/src/decode.c
	$(ls "$srcdir"/src/decode-*.c) $srcdir/src/render.c $srcdir/src/render_csv.c
	$srcdir/src/render_perfetto.c $srcdir/src/syscalltab.c $srcdir/src/refilter.c
	$srcdir/src/summary.c $srcdir/src/tidmap.c $srcdir/src/outfile.c $srcdir/src/assemble.c
	$srcdir/src/filter.c"
unistd=
for d in /usr/include/$(uname -m)-linux-gnu /usr/include; do
	[ -f "$d/asm/unistd_64.h" ] && { unistd=$d/asm/unistd_64.h; break; }
done
mkdir -p tests/fuzz src
# shellcheck disable=SC2086
{ clang $(echo "$FUZZ_FLAGS" | sed 's/-fsanitize=fuzzer,/-fsanitize=/') \
	-o tests/fuzz/make-seeds "$srcdir/tests/fuzz/make-seeds.c" $READER_SRCS -lz -lzstd &&
  if [ "$target" = tracefile ]; then
	clang $FUZZ_FLAGS -o tests/fuzz/fuzz-tracefile "$srcdir/tests/fuzz/fuzz-tracefile.c" \
		$READER_SRCS -lz -lzstd
  else
	[ -n "$unistd" ] || { echo "asm/unistd_64.h not found: install linux-libc-dev"; exit 1; }
	sh "$srcdir/scripts/gen-syscallent.sh" "$unistd" > src/syscallent.h &&
	mkdir -p src/xlat &&
	for x in "$srcdir"/src/xlat/*.in; do
		sh "$srcdir/scripts/gen-xlat.sh" "$x" > "src/xlat/$(basename "$x" .in).h" || exit 1
	done &&
	clang $FUZZ_FLAGS -o tests/fuzz/fuzz-render "$srcdir/tests/fuzz/fuzz-render.c" \
		$READER_SRCS $RENDER_SRCS -lz -lzstd
  fi; } >build.log 2>&1 ||
	{ tail -n 40 build.log >&2; echo "run-fuzzer.sh: build failed" >&2; exit 99; }

# the fuzzer adds what it finds to its first corpus directory: keep the repository's clean
rm -rf corpus
mkdir corpus
cp "$srcdir"/tests/fuzz/corpus/* corpus/ 2>/dev/null || true
# recorded traces of many syscall families, for the decoders (fuzz-render.c says how)
[ "$target" = render ] && cp "$srcdir"/tests/fuzz/corpus-render/* corpus/
./tests/fuzz/make-seeds corpus

echo "run-fuzzer.sh: fuzzing $target for $secs s in $builddir"
set +e
ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1} \
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
"./tests/fuzz/fuzz-$target" -max_total_time="$secs" -max_len=65536 -timeout=10 \
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
