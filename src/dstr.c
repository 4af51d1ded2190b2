// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The growing string the decoders append to, and strings quoted as strace and
 * JSON quote them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decoders.h"
#include "util.h"

void dstr_init(struct dstr *s)
{
	s->cap = 256;
	s->len = 0;
	s->p = vt_malloc(s->cap);
	s->p[0] = '\0';
}

void dstr_free(struct dstr *s)
{
	free(s->p);
	s->p = NULL;
	s->len = s->cap = 0;
}

void dstr_grow(struct dstr *s, size_t more)
{
	size_t need = s->len + more + 1;

	if (need <= s->cap)
		return;
	while (s->cap < need)
		s->cap *= 2;
	s->p = realloc(s->p, s->cap);
	if (!s->p)
		vt_die(-ENOMEM);
}

void dstr_write(struct dstr *s, const void *d, size_t n)
{
	dstr_grow(s, n);
	memcpy(s->p + s->len, d, n);
	s->len += n;
	s->p[s->len] = '\0';
}

void dstr_puts(struct dstr *s, const char *str)
{
	dstr_write(s, str, strlen(str));
}

void dstr_printf(struct dstr *s, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(s->p + s->len, s->cap - s->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= s->cap - s->len) {
		dstr_grow(s, n);
		va_start(ap, fmt);
		vsnprintf(s->p + s->len, s->cap - s->len, fmt, ap);
		va_end(ap);
	}
	s->len += n;
}

void decode_quote(struct dstr *s, const void *data, size_t len, int hex, int cut)
{
	const uint8_t *p = data;

	/* -x: one byte that is neither printable nor \t\n\v\f\r turns the whole string to hex */
	for (size_t i = 0; hex == DECODE_HEX_NON_ASCII && i < len; i++) {
		if (p[i] > 0x7e || (p[i] < ' ' && (p[i] < '\t' || p[i] > '\r')))
			hex = DECODE_HEX_ALL;
	}
	dstr_grow(s, len * 4 + 8);
	dstr_putc(s, '"');
	for (size_t i = 0; i < len; i++) {
		uint8_t c = p[i];

		if (hex == DECODE_HEX_ALL) {
			dstr_printf(s, "\\x%02x", c);
			continue;
		}
		switch (c) {
		case '"':
		case '\\':
			dstr_putc(s, '\\');
			dstr_putc(s, c);
			break;
		case '\f':
			dstr_puts(s, "\\f");
			break;
		case '\n':
			dstr_puts(s, "\\n");
			break;
		case '\r':
			dstr_puts(s, "\\r");
			break;
		case '\t':
			dstr_puts(s, "\\t");
			break;
		case '\v':
			dstr_puts(s, "\\v");
			break;
		default:
			if (c >= ' ' && c < 0x7f) {
				dstr_putc(s, c);
				break;
			}
			if (hex == DECODE_HEX_CHARS) {
				dstr_printf(s, "\\x%02x", c);
				break;
			}
			/* shortest octal, unless an octal digit follows and would join it */
			dstr_putc(s, '\\');
			if (i + 1 < len && p[i + 1] >= '0' && p[i + 1] <= '7') {
				dstr_putc(s, '0' + (c >> 6));
				dstr_putc(s, '0' + ((c >> 3) & 7));
			} else if (c >> 3) {
				if (c >> 6)
					dstr_putc(s, '0' + (c >> 6));
				dstr_putc(s, '0' + ((c >> 3) & 7));
			}
			dstr_putc(s, '0' + (c & 7));
			break;
		}
	}
	dstr_putc(s, '"');
	if (cut)
		dstr_puts(s, "...");
}

void decode_json_string(struct dstr *s, const void *data, size_t len)
{
	const uint8_t *p = data;

	dstr_grow(s, len * 6 + 2);
	dstr_putc(s, '"');
	for (size_t i = 0; i < len; i++) {
		uint8_t c = p[i];

		if (c == '"' || c == '\\') {
			dstr_putc(s, '\\');
			dstr_putc(s, c);
		} else if (c == '\n') {
			dstr_puts(s, "\\n");
		} else if (c == '\t') {
			dstr_puts(s, "\\t");
		} else if (c == '\r') {
			dstr_puts(s, "\\r");
		} else if (c < 0x20 || c >= 0x7f) {
			/* bytes, not text: each one maps to the code point of its value */
			dstr_printf(s, "\\u%04x", c);
		} else {
			dstr_putc(s, c);
		}
	}
	dstr_putc(s, '"');
}
