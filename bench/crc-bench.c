// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The checksum alone: zlib's crc32 (trace file format version 1) against CRC-32C
 * (version 2) as crc32c() picks it, and its SSE4.2 and table code each, over one
 * buffer as large as a block.  Within every round each variant runs once, in an
 * order that rotates from round to round; reports the medians, and the median of
 * each round's ratio to zlib, so that a busy machine moves the ratios less than the
 * absolute figures.
 *
 *   crc-bench [-s BYTES] [-r ROUNDS] [-t MILLISECONDS]
 *
 *   -s  buffer size (default 1048576, the merger's default block)
 *   -r  rounds (default 11)
 *   -t  time each variant runs for in a round (default 200)
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <zlib.h>

#include "crc32c.h"
#include "util.h"

static uint32_t run_zlib(const void *p, size_t n)
{
	return (uint32_t)crc32(0L, p, (uInt)n);
}

static uint32_t run_crc32c(const void *p, size_t n)
{
	return crc32c(0, p, n);
}

static uint32_t run_hw(const void *p, size_t n)
{
	return crc32c_hw(0, p, n);
}

static uint32_t run_sw(const void *p, size_t n)
{
	return crc32c_sw(0, p, n);
}

static const struct variant {
	const char *name;
	uint32_t (*fn)(const void *p, size_t n);
} variants[] = {
	{ "zlib crc32 (format 1)", run_zlib },
	{ "crc32c (format 2)", run_crc32c },
	{ "crc32c_sw (tables)", run_sw },
	{ "crc32c_hw (SSE4.2)", run_hw }, /* last: left out where the CPU lacks SSE4.2 */
};
#define NVAR (sizeof(variants) / sizeof(variants[0]))

static volatile uint32_t sink;

/* Seconds per call of v over n bytes, running for about ms milliseconds. */
static double time_one(const struct variant *v, const void *p, size_t n, unsigned ms)
{
	uint64_t t0 = vt_now_ns(CLOCK_MONOTONIC), t, calls = 0;

	do {
		sink += v->fn(p, n);
		calls++;
		t = vt_now_ns(CLOCK_MONOTONIC);
	} while (t - t0 < (uint64_t)ms * 1000000);
	return (t - t0) / 1e9 / calls;
}

int main(int argc, char **argv)
{
	size_t size = 1 << 20, i;
	unsigned rounds = 11, ms = 200, r, k, nvar = NVAR;
	double *secs[NVAR], *ratio[NVAR];
	uint8_t *buf;
	int c;

	while ((c = getopt(argc, argv, "s:r:t:")) != -1) {
		switch (c) {
		case 's': size = strtoull(optarg, NULL, 0); break;
		case 'r': rounds = atoi(optarg); break;
		case 't': ms = atoi(optarg); break;
		default:
			fprintf(stderr, "usage: %s [-s BYTES] [-r ROUNDS] [-t MILLISECONDS]\n", argv[0]);
			return 1;
		}
	}
	if (!size || !rounds || !ms)
		return 1;
	if (!crc32c_hw_supported())
		nvar--;
	/* a block's payload starts 64 bytes into a page-aligned buffer */
	buf = vt_aligned_alloc(4096, VT_ALIGN(size + 64, 4096));
	srand(1);
	for (i = 0; i < size + 64; i++)
		buf[i] = (uint8_t)rand();
	if (crc32c_hw_supported() && crc32c_hw(0, buf + 64, size) != crc32c_sw(0, buf + 64, size)) {
		fprintf(stderr, "crc-bench: the SSE4.2 and table code disagree\n");
		return 1;
	}
	for (k = 0; k < NVAR; k++) {
		secs[k] = vt_calloc(rounds, sizeof(double));
		ratio[k] = vt_calloc(rounds, sizeof(double));
	}

	for (r = 0; r < rounds; r++) {
		for (i = 0; i < nvar; i++) {
			k = (unsigned)(i + r) % nvar;
			secs[k][r] = time_one(&variants[k], buf + 64, size, ms);
		}
		for (k = 0; k < nvar; k++)
			ratio[k][r] = secs[0][r] / secs[k][r];
	}

	printf("crc-bench: %zu bytes, %u rounds of %u ms a variant, medians (SSE4.2: %s)\n", size,
	       rounds, ms, crc32c_hw_supported() ? "yes" : "no");
	printf("%-24s %12s %10s %12s\n", "variant", "us/buffer", "GB/s", "x zlib");
	for (k = 0; k < nvar; k++) {
		double s = vt_median(secs[k], rounds);

		printf("%-24s %12.2f %10.2f %12.2f\n", variants[k].name, s * 1e6, size / s / 1e9,
		       vt_median(ratio[k], rounds));
	}
	for (k = 0; k < NVAR; k++) {
		free(secs[k]);
		free(ratio[k]);
	}
	free(buf);
	return 0;
}
