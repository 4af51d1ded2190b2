/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * CRC-32C (Castagnoli), the checksum of trace files from format version 2 on
 * (docs/FORMAT.md): reflected polynomial 0x82F63B78, initial value and final XOR
 * 0xFFFFFFFF.  crc32c(0, "123456789", 9) is 0xE3069283.
 *
 * Values chain as zlib's crc32() does: crc32c(crc32c(0, a, n), b, m) is the CRC of
 * the n bytes at a followed by the m bytes at b.
 *
 * Threads: every function may be called from any thread; the tables they share are
 * built once, on first use.
 *
 * | function             | what runs                                                |
 * |----------------------|----------------------------------------------------------|
 * | crc32c               | crc32c_hw where the CPU has SSE4.2, else crc32c_sw       |
 * | crc32c_hw            | the SSE4.2 crc32 instruction, three streams at a time;   |
 * |                      | only where crc32c_hw_supported() says so                 |
 * | crc32c_sw            | tables, eight bytes a step; any CPU                      |
 * | crc32c_hw_supported  | 1 when this CPU (and build) can run crc32c_hw            |
 *
 * The last three are for tests and benchmarks: all paths give the same values.
 */
#ifndef VLTRACE_CRC32C_H
#define VLTRACE_CRC32C_H

#include <stddef.h>
#include <stdint.h>

uint32_t crc32c(uint32_t crc, const void *buf, size_t len);
uint32_t crc32c_sw(uint32_t crc, const void *buf, size_t len);
uint32_t crc32c_hw(uint32_t crc, const void *buf, size_t len);
int crc32c_hw_supported(void);

#endif /* VLTRACE_CRC32C_H */
