// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * CRC-32C: the published check values, and the SSE4.2 code, the table code and a
 * bit-at-a-time reference agreeing on random buffers of every length and alignment,
 * across the spans where the hardware code changes how it works.
 */
#include <pthread.h>
#include <stdlib.h>

#include "crc32c.h"
#include "tap.h"

/* The definition, one bit at a time: nothing shared with the code under test. */
static uint32_t crc_ref(const uint8_t *p, size_t len)
{
	uint32_t c = 0xffffffffu;
	size_t i;
	int k;

	for (i = 0; i < len; i++) {
		c ^= p[i];
		for (k = 0; k < 8; k++)
			c = (c >> 1) ^ (0x82f63b78u & -(c & 1));
	}
	return ~c;
}

struct first_use {
	pthread_t th;
	uint32_t got;
};

static void *first_call(void *arg)
{
	struct first_use *f = arg;

	f->got = crc32c(0, "123456789", 9);
	return NULL;
}

/* Before anything else has built the tables: several threads build them at once. */
static void test_first_use_threads(void)
{
	struct first_use f[4];
	unsigned i, bad = 0;

	for (i = 0; i < 4; i++)
		pthread_create(&f[i].th, NULL, first_call, &f[i]);
	for (i = 0; i < 4; i++) {
		pthread_join(f[i].th, NULL);
		bad += f[i].got != 0xe3069283u;
	}
	is_int(bad, 0, "four threads' first calls at once: all give the check value");
}

static void test_check_values(void)
{
	/* RFC 3720 (iSCSI), appendix B.4, and the CRC catalogue's check value */
	uint8_t zeros[32] = { 0 }, ones[32], up[32], down[32];
	const char *paths[] = { "crc32c", "crc32c_sw", "crc32c_hw" };
	uint32_t (*fn[])(uint32_t, const void *, size_t) = { crc32c, crc32c_sw, crc32c_hw };
	unsigned i;

	for (i = 0; i < 32; i++) {
		ones[i] = 0xff;
		up[i] = (uint8_t)i;
		down[i] = (uint8_t)(31 - i);
	}
	for (i = 0; i < 3; i++) {
		if (fn[i] == crc32c_hw && !crc32c_hw_supported()) {
			ok(1, "# SKIP %s: this CPU has no SSE4.2", paths[i]);
			continue;
		}
		ok(fn[i](0, "123456789", 9) == 0xe3069283u && fn[i](0, "", 0) == 0 &&
			   fn[i](0, zeros, 32) == 0x8a9136aau && fn[i](0, ones, 32) == 0x62a8ab43u &&
			   fn[i](0, up, 32) == 0x46dd794eu && fn[i](0, down, 32) == 0x113fdb5cu,
		   "%s: check value 0xE3069283 and the RFC 3720 vectors", paths[i]);
	}
	is_int(crc_ref((const uint8_t *)"123456789", 9), 0xe3069283u,
	       "the bit-at-a-time reference gives the check value");
	diag("SSE4.2 crc32 instruction: %s", crc32c_hw_supported() ? "used" : "not available");
}

/* Every length 0..300 at each of the eight alignments, and lengths around the spans. */
static void test_paths_agree(void)
{
	static const size_t spans[] = { 256, 8192 };
	size_t cap = (1u << 20) + 64, len, i;
	uint8_t *buf = malloc(cap);
	unsigned off, bad_sw = 0, bad_hw = 0, bad_ref = 0, n = 0, k;
	int hw = crc32c_hw_supported();
	int d;

	srand(11);
	for (i = 0; i < cap; i++)
		buf[i] = (uint8_t)rand();
	for (len = 0; len <= 300; len++) {
		for (off = 0; off < 8; off++) {
			uint32_t want = crc_ref(buf + off, len);

			bad_sw += crc32c_sw(0, buf + off, len) != want;
			bad_hw += hw && crc32c_hw(0, buf + off, len) != want;
			bad_ref += crc32c(0, buf + off, len) != want;
			n++;
		}
	}
	is_int(bad_sw, 0, "table code: %u buffers of 0 to 300 bytes at 8 alignments", n);
	if (hw)
		is_int(bad_hw, 0, "SSE4.2 code: the same %u buffers", n);
	else
		ok(1, "# SKIP SSE4.2 code: this CPU has no SSE4.2");
	is_int(bad_ref, 0, "crc32c: the same %u buffers", n);

	/* one, two, three spans and a little more or less: each way the streams are cut */
	bad_sw = bad_hw = n = 0;
	for (k = 0; k < 2; k++) {
		for (i = 1; i <= 7; i++) {
			for (d = -9; d <= 9; d += 3) {
				len = spans[k] * i / 2 + (size_t)(long)d;
				for (off = 0; off < 8; off += 3) {
					uint32_t want = crc_ref(buf + off, len);

					bad_sw += crc32c_sw(0, buf + off, len) != want;
					bad_hw += hw && crc32c_hw(0, buf + off, len) != want;
					n++;
				}
			}
		}
	}
	len = 1u << 20;
	for (off = 0; off < 8; off += 5) {
		uint32_t want = crc_ref(buf + off, len);

		bad_sw += crc32c_sw(0, buf + off, len) != want;
		bad_hw += hw && crc32c_hw(0, buf + off, len) != want;
		n++;
	}
	is_int(bad_sw + bad_hw, 0,
	       "table and SSE4.2 code: %u buffers around 256 and 8192-byte spans and of 1 MiB", n);
	free(buf);
}

/* Values chain as zlib's do: a CRC carried on over the next bytes is the CRC of both. */
static void test_chaining(void)
{
	uint8_t buf[1000];
	unsigned i, bad = 0;
	size_t cut;

	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)(i * 7 + 3);
	for (cut = 0; cut <= sizeof(buf); cut += 37) {
		uint32_t whole = crc32c(0, buf, sizeof(buf));

		bad += crc32c(crc32c(0, buf, cut), buf + cut, sizeof(buf) - cut) != whole;
		bad += crc32c_sw(crc32c_sw(0, buf, cut), buf + cut, sizeof(buf) - cut) != whole;
		if (crc32c_hw_supported())
			bad += crc32c_hw(crc32c_hw(0, buf, cut), buf + cut, sizeof(buf) - cut) !=
			       whole;
	}
	is_int(bad, 0, "a buffer cut anywhere: the CRC carried over the cut is the whole one's");
}

int main(void)
{
	test_first_use_threads();
	test_check_values();
	test_paths_agree();
	test_chaining();
	return done_testing();
}
