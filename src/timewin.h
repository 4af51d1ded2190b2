/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * --since and --until: a time given as a user writes it, turned into the
 * CLOCK_MONOTONIC nanoseconds a trace file's records carry.
 *
 * Threads: pure functions (the main thread calls them with -R).
 */
#ifndef VLTRACE_TIMEWIN_H
#define VLTRACE_TIMEWIN_H

#include <stddef.h>
#include <stdint.h>

/*
 * Parse s: "+1.5s" (ns, us, ms or s; a bare number is seconds) after the first
 * record; "HH:MM[:SS[.frac]]" local time on the day of the first record;
 * "YYYY-MM-DD[T ]HH:MM[:SS[.frac]][Z|+hh:mm|-hh:mm]" (ISO 8601, local time
 * without a zone); or seconds since the epoch as -ttt prints them
 * ("1796412243.647826").  realtime_at_mono0: the file's wall clock at monotonic
 * 0; first_ts: its first record's time.  Returns 0, or -EINVAL with the reason
 * in err.
 */
int timewin_parse(const char *s, uint64_t realtime_at_mono0, uint64_t first_ts, uint64_t *mono,
		  char *err, size_t errlen);

#endif /* VLTRACE_TIMEWIN_H */
