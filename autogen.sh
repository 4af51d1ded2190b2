#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Generate configure and Makefile.in from configure.ac and Makefile.am.
set -e
cd "$(dirname "$0")"
autoreconf -vi
# The .sh tests name automake's plain test-driver (exit 77 skips, 99 fails hard);
# automake only copies it when no driver is named, so copy it here.
if [ ! -f build-aux/test-driver ]; then
	cp "$(automake --print-libdir)/test-driver" build-aux/test-driver
fi
