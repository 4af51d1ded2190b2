// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Decoders of time: struct timespec with its date, clock ids (strace's time.c).
 */
#include <string.h>
#include <time.h>

#include "decoders.h"
#include "util.h"
#include "xlat.h"
#include "xlat/clock_ids.h"
#include "xlat/itimer_which.h"
#include "xlat/tfd_flags.h"
#include "xlat/tfd_settime_flags.h"

/* " /\* 2026-11-27T17:17:34.123456789+0000 *\/": the local time, nanoseconds if any */
void print_date_comment(struct dstr *s, int64_t sec, int64_t nsec)
{
	time_t t = (time_t)sec;
	struct tm tm;
	char buf[64], zone[16];

	if (!localtime_r(&t, &tm))
		return;
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
	strftime(zone, sizeof(zone), "%z", &tm);
	if (nsec)
		dstr_printf(s, " /* %s.%09lld%s */", buf, (long long)nsec, zone);
	else
		dstr_printf(s, " /* %s%s */", buf, zone);
}

static void print_timespec(struct dstr *s, const uint8_t *d)
{
	dstr_printf(s, "{tv_sec=%lld, tv_nsec=%lld}", (long long)ld64(d, 0), (long long)ld64(d, 8));
}

void arg_clockid(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	PRINT_XVAL(s, clock_ids, arg_val(a), "CLOCK_???");
}

void arg_timespec(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_timespec(s, arg_data(a));
}

void arg_tfd_flags(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_flags(s, tfd_flags, arg_val(a) & 0xffffffffu, "TFD_???");
}

void arg_tfd_settime_flags(struct dstr *s, const struct decode_opts *o,
			   const struct decode_arg *a)
{
	print_flags(s, tfd_settime_flags, arg_val(a) & 0xffffffffu, "TFD_???");
}

void arg_itimer_which(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	PRINT_XVAL(s, itimer_which, (uint32_t)arg_val(a), "ITIMER_???");
}

/* struct itimerval: two struct timeval, it_interval then it_value */
void arg_itimerval(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	const uint8_t *d = arg_data(a);

	dstr_printf(s,
		    "{it_interval={tv_sec=%lld, tv_usec=%lld}, "
		    "it_value={tv_sec=%lld, tv_usec=%lld}}",
		    (long long)ld64(d, 0), (long long)ld64(d, 8), (long long)ld64(d, 16),
		    (long long)ld64(d, 24));
}

/* struct itimerspec: two struct timespec, it_interval then it_value */
void arg_itimerspec(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	const uint8_t *d = arg_data(a);

	dstr_printf(s,
		    "{it_interval={tv_sec=%lld, tv_nsec=%lld}, "
		    "it_value={tv_sec=%lld, tv_nsec=%lld}}",
		    (long long)ld64(d, 0), (long long)ld64(d, 8), (long long)ld64(d, 16),
		    (long long)ld64(d, 24));
}

/* select's and pselect6's timeout as it went in (the result shows what is left) */
static void print_timeout(struct dstr *s, const struct decode_arg *a, const char *frac)
{
	const struct vt_capture *c = a->caps_in ? a->caps_in[a->idx] : NULL;

	if (!arg_val(a)) {
		dstr_puts(s, "NULL");
		return;
	}
	if (!c || (c->flags & VT_CAP_FAULT) || c->len < 16) {
		print_ptr(s, arg_val(a));
		return;
	}
	dstr_printf(s, "{tv_sec=%lld, %s=%lld}", (long long)ld64(decode_cap_data(c), 0), frac,
		    (long long)ld64(decode_cap_data(c), 8));
}

void arg_timeout_ts(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_timeout(s, a, "tv_nsec");
}

void arg_timeout_tv(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_timeout(s, a, "tv_usec");
}
