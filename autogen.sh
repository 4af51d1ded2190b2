#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Generate configure and Makefile.in from configure.ac and Makefile.am.
set -e
cd "$(dirname "$0")"
autoreconf -vi
# The tests name automake's drivers (tap-driver.sh for the unit tests, the plain
# test-driver for the .sh tests: exit 77 skips, 99 fails hard); automake only
# copies a driver when none is named, so copy them here.
for d in test-driver tap-driver.sh; do
	[ -f "build-aux/$d" ] || cp "$(automake --print-libdir)/$d" "build-aux/$d"
done
