#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# make check's short fuzzing run of the whole -R path, reader to every output format
# (FUZZ_SECONDS, default 30); run tests/fuzz/run-fuzzer.sh SECONDS render by hand for
# longer runs.
exec sh "$TESTS_SRCDIR/fuzz/run-fuzzer.sh" "${FUZZ_SECONDS:-30}" render
