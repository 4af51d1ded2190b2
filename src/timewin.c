// SPDX-License-Identifier: LGPL-2.1-or-later
#include "timewin.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NSEC 1000000000LL

/* ".123456789": nanoseconds; *s moves past the digits */
static int64_t frac_ns(const char **s)
{
	int64_t ns = 0, mul = NSEC / 10;

	if (**s != '.' && **s != ',')
		return 0;
	(*s)++;
	while (isdigit((unsigned char)**s)) {
		ns += (**s - '0') * mul;
		mul /= 10;
		(*s)++;
	}
	return ns;
}

static int two(const char *s, int *v)
{
	if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]))
		return -1;
	*v = (s[0] - '0') * 10 + (s[1] - '0');
	return 0;
}

/* "HH:MM[:SS]" at s; returns the characters taken, or -1 */
static int clock_part(const char *s, struct tm *tm)
{
	int n = 5;

	if (two(s, &tm->tm_hour) || s[2] != ':' || two(s + 3, &tm->tm_min))
		return -1;
	tm->tm_sec = 0;
	if (s[5] == ':') {
		if (two(s + 6, &tm->tm_sec))
			return -1;
		n = 8;
	}
	if (tm->tm_hour > 23 || tm->tm_min > 59 || tm->tm_sec > 60)
		return -1;
	return n;
}

/* the epoch ns of local time tm, or of UTC tm minus a zone offset */
static int64_t wall_of(struct tm *tm, int utc, int64_t zone_s)
{
	time_t t;

	tm->tm_isdst = -1;
	t = utc ? timegm(tm) : mktime(tm);
	return ((int64_t)t - zone_s) * NSEC;
}

int timewin_parse(const char *s, uint64_t realtime_at_mono0, uint64_t first_ts, uint64_t *mono,
		  char *err, size_t errlen)
{
	const char *p = s;
	int64_t wall = 0, zone = 0;
	struct tm tm;
	int utc = 0, n;

	if (*p == '+') {
		char *end;
		double v = strtod(p + 1, &end);
		double mul = 1e9;

		if (end == p + 1 || v < 0)
			goto bad;
		if (!strcmp(end, "ns"))
			mul = 1;
		else if (!strcmp(end, "us"))
			mul = 1e3;
		else if (!strcmp(end, "ms"))
			mul = 1e6;
		else if (*end && strcmp(end, "s"))
			goto bad;
		*mono = first_ts + (uint64_t)(v * mul + 0.5);
		return 0;
	}
	memset(&tm, 0, sizeof(tm));
	if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) && p[2] == ':') {
		/* a time of day, on the day of the first record */
		time_t first = (time_t)((realtime_at_mono0 + first_ts) / NSEC);

		localtime_r(&first, &tm);
		n = clock_part(p, &tm);
		if (n < 0)
			goto bad;
		p += n;
		wall = wall_of(&tm, 0, 0) + frac_ns(&p);
		if (*p)
			goto bad;
	} else if (sscanf(p, "%4d-%2d-%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &n) == 3 &&
		   n == 10 && (p[10] == 'T' || p[10] == ' ')) {
		tm.tm_year -= 1900;
		tm.tm_mon -= 1;
		p += 11;
		n = clock_part(p, &tm);
		if (n < 0 || tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31)
			goto bad;
		p += n;
		wall = frac_ns(&p);
		if (*p == 'Z') {
			utc = 1;
			p++;
		} else if (*p == '+' || *p == '-') {
			int zh, zm = 0, sign = *p == '-' ? -1 : 1;

			if (two(p + 1, &zh))
				goto bad;
			p += 3;
			if (*p == ':')
				p++;
			if (*p && two(p, &zm))
				goto bad;
			if (*p)
				p += 2;
			utc = 1;
			zone = sign * (zh * 3600 + zm * 60);
		}
		if (*p)
			goto bad;
		wall += wall_of(&tm, utc, zone);
	} else if (isdigit((unsigned char)*p)) {
		/* seconds since the epoch, as -ttt prints them */
		char *end;
		long long sec = strtoll(p, &end, 10);

		p = end;
		wall = sec * NSEC + frac_ns(&p);
		if (*p || sec < 0)
			goto bad;
	} else {
		goto bad;
	}
	if (wall < 0 || (uint64_t)wall < realtime_at_mono0) {
		*mono = 0;
		return 0;
	}
	*mono = (uint64_t)wall - realtime_at_mono0;
	return 0;
bad:
	snprintf(err, errlen, "give HH:MM:SS[.frac], an ISO 8601 date and time, seconds since "
			      "the epoch, or +SECONDS after the first record (like +1.5s)");
	return -EINVAL;
}
