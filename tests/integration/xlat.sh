#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# scripts/gen-xlat.sh: a constant table generated from a list of names compiles
# when each value is the one the system headers give, and stops the build when a
# value is not; an entry marked unchecked, or a name the headers lack, is not
# held to them.  Needs a C compiler, no privileges.
. "$TESTS_SRCDIR/integration/lib.sh"
CC=${CC:-cc}
require_cmd "$CC"
top=$TESTS_SRCDIR/..

gen_cc() { # NAME: generate $T/NAME.h from $T/NAME.in and compile a use of it
	sh "$top/scripts/gen-xlat.sh" "$T/$1.in" > "$T/$1.h" &&
		printf '#include "%s.h"\nconst void *use_%s = %s;\n' "$1" "$1" "$1" > "$T/$1.c" &&
		"$CC" -D_GNU_SOURCE -I"$T" -I"$top/src" -I"$top/bpf" -c "$T/$1.c" -o "$T/$1.o" \
			> "$T/$1.log" 2>&1
}

printf '#include <fcntl.h>\nO_CREAT 0100\nO_EXCL 0200\n' > "$T/good.in"
check "values the headers give: the table compiles" gen_cc good
check "... in the order listed, ending with { 0, NULL }" \
	grep -qzE 'O_CREAT.*O_EXCL.*\{ 0, NULL \}' "$T/good.h"

printf '#include <fcntl.h>\nO_CREAT 0100\nO_EXCL 0400\n' > "$T/bad.in"
if gen_cc bad; then
	fail "a value the headers disagree with stops the build"
else
	check "a value the headers disagree with stops the build, naming the constant" \
		grep -q 'O_EXCL: not the x86_64 value of the system headers' "$T/bad.log"
fi

printf '#include <fcntl.h>\nO_EXCL 0400 # unchecked: on purpose\n' > "$T/unchecked.in"
check "an entry marked unchecked is not held to the headers" gen_cc unchecked

printf '#include <fcntl.h>\nNO_SUCH_CONSTANT_EVER 7\n' > "$T/unknown.in"
check "a name the headers lack is not checked" gen_cc unknown

printf 'O_CREAT\n' > "$T/novalue.in"
if sh "$top/scripts/gen-xlat.sh" "$T/novalue.in" > /dev/null 2> "$T/novalue.err"; then
	fail "a line without a value is refused"
else
	check "a line without a value is refused, with its line number" grep -q 'line 1' "$T/novalue.err"
fi
finish
