// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * CRC-32C, two ways that agree bit for bit (tests/unit/crc32c.c holds them to it).
 *
 * The SSE4.2 crc32 instruction takes 8 bytes a step but has a latency of about three
 * cycles, so one stream of steps uses a third of what the CPU can do.  crc32c_hw runs
 * three streams over three neighbouring spans of a buffer at once and then joins
 * their CRCs: the CRC of a span followed by another is the first CRC carried through
 * as many zero bytes as the second span has (a multiplication by x^(8 n) modulo the
 * polynomial, done with tables), XOR the second CRC.  This is Mark Adler's method
 * (crc32c.c, zlib licence), written again here.
 *
 * The portable code is the classic slicing-by-8: eight tables of 256 entries, one
 * lookup per byte of each 8-byte word, no step depending on the previous lookup of
 * the same word.
 *
 * The CRC is computed on the register as it is between bytes (not inverted); the
 * public functions invert on the way in and out, as zlib's crc32() does, so that
 * values chain.
 */
#include "crc32c.h"

#include <pthread.h>
#include <string.h>

#define POLY 0x82f63b78u /* reflected: bit 31 is x^0, bit 0 is x^31 */

/* Span lengths of the three hardware streams: long ones while they fit, then short. */
#define SPAN_LONG 8192
#define SPAN_SHORT 256

static uint32_t table_sw[8][256];
/* Carry a register through SPAN_LONG (SPAN_SHORT) zero bytes, one table per byte of it. */
static uint32_t zeros_long[4][256], zeros_short[4][256];
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

/* a(x) b(x) modulo the polynomial, both reflected. */
static uint32_t multmodp(uint32_t a, uint32_t b)
{
	uint32_t p = 0, m;

	for (m = 1u << 31; m; m >>= 1) {
		if (a & m)
			p ^= b;
		b = b & 1 ? (b >> 1) ^ POLY : b >> 1;
	}
	return p;
}

/* x^(8 n) modulo the polynomial: what n zero bytes multiply a register by. */
static uint32_t x8n(size_t n)
{
	uint32_t p = 1u << 31; /* x^0 */
	size_t i;

	for (i = 0; i < 8 * n; i++)
		p = p & 1 ? (p >> 1) ^ POLY : p >> 1;
	return p;
}

static void zeros_table(uint32_t t[4][256], size_t n)
{
	uint32_t op = x8n(n);
	unsigned k, i;

	for (k = 0; k < 4; k++)
		for (i = 0; i < 256; i++)
			t[k][i] = multmodp(op, (uint32_t)i << (8 * k));
}

static void tables_build(void)
{
	unsigned i, k;

	for (i = 0; i < 256; i++) {
		uint32_t c = i;

		for (k = 0; k < 8; k++)
			c = c & 1 ? (c >> 1) ^ POLY : c >> 1;
		table_sw[0][i] = c;
	}
	for (k = 1; k < 8; k++)
		for (i = 0; i < 256; i++)
			table_sw[k][i] = (table_sw[k - 1][i] >> 8) ^ table_sw[0][table_sw[k - 1][i] & 0xff];
	zeros_table(zeros_long, SPAN_LONG);
	zeros_table(zeros_short, SPAN_SHORT);
}

static void tables_init(void)
{
	pthread_once(&tables_once, tables_build);
}

/* Eight bytes in file order as a number whose low byte is the first one. */
static inline uint64_t ld64le(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	return v;
}

uint32_t crc32c_sw(uint32_t crc, const void *buf, size_t len)
{
	const unsigned char *p = buf;
	uint32_t c = ~crc;

	tables_init();
	for (; len >= 8; len -= 8, p += 8) {
		uint64_t w = ld64le(p) ^ c;

		c = table_sw[7][w & 0xff] ^ table_sw[6][(w >> 8) & 0xff] ^
		    table_sw[5][(w >> 16) & 0xff] ^ table_sw[4][(w >> 24) & 0xff] ^
		    table_sw[3][(w >> 32) & 0xff] ^ table_sw[2][(w >> 40) & 0xff] ^
		    table_sw[1][(w >> 48) & 0xff] ^ table_sw[0][w >> 56];
	}
	for (; len; len--)
		c = (c >> 8) ^ table_sw[0][(c ^ *p++) & 0xff];
	return ~c;
}

#if defined(__x86_64__)

static inline uint64_t zeros(const uint32_t t[4][256], uint64_t c)
{
	return t[0][c & 0xff] ^ t[1][(c >> 8) & 0xff] ^ t[2][(c >> 16) & 0xff] ^
	       t[3][(c >> 24) & 0xff];
}

/*
 * Three streams over spans of span bytes each, while 3 spans remain; the register
 * c0 runs on through the first span and takes in the other two.  Inlined twice, so
 * that span is a constant in each copy.
 */
static inline __attribute__((target("sse4.2"), always_inline)) uint64_t
hw_spans(uint64_t c0, const unsigned char **pp, size_t *lenp, size_t span,
	 const uint32_t t[4][256])
{
	const unsigned char *p = *pp;
	size_t len = *lenp;

	while (len >= 3 * span) {
		const unsigned char *end = p + span;
		uint64_t c1 = 0, c2 = 0;

		do {
			c0 = __builtin_ia32_crc32di(c0, ld64le(p));
			c1 = __builtin_ia32_crc32di(c1, ld64le(p + span));
			c2 = __builtin_ia32_crc32di(c2, ld64le(p + 2 * span));
			p += 8;
		} while (p < end);
		c0 = zeros(t, c0) ^ c1;
		c0 = zeros(t, c0) ^ c2;
		p += 2 * span;
		len -= 3 * span;
	}
	*pp = p;
	*lenp = len;
	return c0;
}

__attribute__((target("sse4.2"))) uint32_t crc32c_hw(uint32_t crc, const void *buf, size_t len)
{
	const unsigned char *p = buf;
	uint64_t c = (uint32_t)~crc;

	tables_init();
	/* whole words from an 8-byte boundary on: loads that never straddle a cache line */
	for (; len && ((uintptr_t)p & 7); len--)
		c = __builtin_ia32_crc32qi((uint32_t)c, *p++);
	c = hw_spans(c, &p, &len, SPAN_LONG, (const uint32_t(*)[256])zeros_long);
	c = hw_spans(c, &p, &len, SPAN_SHORT, (const uint32_t(*)[256])zeros_short);
	for (; len >= 8; len -= 8, p += 8)
		c = __builtin_ia32_crc32di(c, ld64le(p));
	for (; len; len--)
		c = __builtin_ia32_crc32qi((uint32_t)c, *p++);
	return ~(uint32_t)c;
}

int crc32c_hw_supported(void)
{
	return __builtin_cpu_supports("sse4.2");
}

#else /* no crc32 instruction: the portable code stands in */

uint32_t crc32c_hw(uint32_t crc, const void *buf, size_t len)
{
	return crc32c_sw(crc, buf, len);
}

int crc32c_hw_supported(void)
{
	return 0;
}

#endif

uint32_t crc32c(uint32_t crc, const void *buf, size_t len)
{
	if (crc32c_hw_supported())
		return crc32c_hw(crc, buf, len);
	return crc32c_sw(crc, buf, len);
}
