// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Argument decoding in strace's notation: the descriptor table of the argument
 * types (VT_ARGTYPES), what each one captures and when it prints, the values that
 * print alone (numbers, pointers), value-result arguments, results and errno names.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "decoders.h"
#include "syscalltab.h"
#include "util.h"
#include "xlat.h"

struct errnoent {
	const char *name;
	const char *msg;
};

static const struct errnoent errnoent[] = {
#include "tables/errnoent.h"
};

const char *decode_errno_name(int err)
{
	if (err > 0 && (size_t)err < ARRAY_SIZE(errnoent))
		return errnoent[err].name;
	return NULL;
}

const char *decode_errno_msg(int err, char *buf, size_t len)
{
	if (err > 0 && (size_t)err < ARRAY_SIZE(errnoent) && errnoent[err].msg)
		return errnoent[err].msg;
	snprintf(buf, len, "Unknown error %d", err);
	return buf;
}

void decode_ret_text(struct dstr *s, unsigned rettype, int64_t ret)
{
	char buf[32];

	if (ret < 0 && ret >= -4095) {
		int err = (int)-ret;
		const char *name = decode_errno_name(err);
		const char *msg = NULL;

		switch (err) {
		case 512:
			msg = "To be restarted if SA_RESTART is set";
			break;
		case 513:
			msg = "To be restarted";
			break;
		case 514:
			msg = "To be restarted if no handler";
			break;
		case 516:
			msg = "Interrupted by signal";
			break;
		}
		if (msg) {
			dstr_printf(s, "? %s (%s)", name, msg);
			return;
		}
		dstr_puts(s, "-1 ");
		if (name)
			dstr_puts(s, name);
		else
			dstr_printf(s, "%d", err);
		dstr_printf(s, " (%s)", decode_errno_msg(err, buf, sizeof(buf)));
		return;
	}
	switch (rettype) {
	case VT_AT_RX:
		dstr_printf(s, "%#llx", (unsigned long long)ret);
		break;
	case VT_AT_RO:
		dstr_printf(s, "%#03llo", (unsigned long long)ret);
		break;
	default:
		dstr_printf(s, "%lld", (long long)ret);
		break;
	}
}

const struct vt_capture *decode_find_capture(const struct vt_hdr *rec, size_t fixed, int idx)
{
	const uint8_t *p = (const uint8_t *)rec + fixed;
	const uint8_t *end = (const uint8_t *)rec + rec->size;

	while (p + sizeof(struct vt_capture) <= end) {
		const struct vt_capture *c = (const void *)p;

		if (c->arg == idx)
			return c;
		p += sizeof(*c) + VT_ALIGN((size_t)c->len, 8);
	}
	return NULL;
}

/*
 * A value-result number: "[in]", or "[in => out]" (socklen_t) and "[in] => [out]"
 * (sendfile's offset, whose " => [out]" alone ends a resumed line's first
 * part) once the call has changed it; with a status filter the value at entry
 * is not known, and the one at exit prints alone.
 */
static void print_inout(struct dstr *s, const struct decode_arg *a, unsigned size)
{
	const struct vt_capture *ci = a->caps_in ? a->caps_in[a->idx] : NULL, *co = a->cap;
	uint64_t v = a->args[a->idx], in, out;
	int ok = a->exited && a->ret >= 0;

	if (ci && ((ci->flags & VT_CAP_FAULT) || ci->len < size))
		ci = NULL;
	if (co && ((co->flags & VT_CAP_FAULT) || co->len < size || !ok))
		co = NULL;
	if (a->resumed) {
		if (ci && co && a->ret > 0)
			dstr_printf(s, " => [%llu]",
				    (unsigned long long)(size == 4 ? ld32(decode_cap_data(co), 0)
								   : ld64(decode_cap_data(co), 0)));
		return;
	}
	if (!v || (!ci && !co)) {
		print_ptr(s, v);
		return;
	}
	in = ci ? (size == 4 ? ld32(decode_cap_data(ci), 0) : ld64(decode_cap_data(ci), 0)) : 0;
	out = co ? (size == 4 ? ld32(decode_cap_data(co), 0) : ld64(decode_cap_data(co), 0)) : 0;
	if (size == 4) {
		if (!ci)
			dstr_printf(s, "[%u]", (unsigned)out);
		else if (co && out != in)
			dstr_printf(s, "[%u => %u]", (unsigned)in, (unsigned)out);
		else
			dstr_printf(s, "[%u]", (unsigned)in);
	} else {
		dstr_printf(s, "[%llu]", (unsigned long long)(ci ? in : out));
		if (ci && co && a->ret > 0)
			dstr_printf(s, " => [%llu]", (unsigned long long)out);
	}
}

int decode_arg_shown(const struct decode_arg *a)
{
	if (a->idx > 0) {
		switch (a->type) {
		case VT_AT_OMODE:
			return omode_shown(a);
		case VT_AT_FCNTLARG:
			return fcntl_arg_shown(a);
		case VT_AT_PRCTLARG:
		case VT_AT_PRCTLARG1:
			return prctl_arg_shown(a);
		case VT_AT_IOCTLARG:
			return ioctl_arg_shown(a);
		case VT_AT_MREMAPADDR:
			return mremap_addr_shown(a);
		case VT_AT_MKNODDEV:
			return mknod_dev_shown(a);
		}
	}
	return a->type != VT_AT__;
}

/* The capture of another argument of the same call, when it was read. */
const struct vt_capture *sibling(const struct decode_arg *a, int idx)
{
	const struct vt_capture *c;

	if (!a->caps || idx < 0 || idx > 5)
		return NULL;
	c = a->caps[idx];
	return c && !(c->flags & VT_CAP_FAULT) ? c : NULL;
}

void arg_none(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
}

void arg_int(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	dstr_printf(s, "%d", (int)arg_val(a));
}

void arg_uint(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	dstr_printf(s, "%u", (unsigned)arg_val(a));
}

void arg_long(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	dstr_printf(s, "%lld", (long long)arg_val(a));
}

void arg_ulong(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	dstr_printf(s, "%llu", (unsigned long long)arg_val(a));
}

void arg_hex(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	dstr_printf(s, "%#llx", (unsigned long long)arg_val(a));
}

void arg_ptr(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_ptr(s, arg_val(a));
}

void arg_inout(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	print_inout(s, a, a->type == VT_AT_SOCKLENOUT ? 4 : 8);
}

enum vt_argdir { VT_DIR_IN, VT_DIR_OUT, VT_DIR_INOUT, VT_DIR_SPLIT };

#define VT_ARGCLASS_NONE 0
#define VT_ARGCLASS_FILE VT_CLASS_FILE
#define VT_ARGCLASS_DESC VT_CLASS_DESC

struct argdesc {
	const char *name;
	uint8_t dir;	 /* enum vt_argdir */
	uint8_t capture; /* VT_CK_* */
	uint8_t json;	 /* enum decode_json_kind */
	uint16_t cls;	 /* VT_CLASS_* */
	uint16_t size;
	int16_t min;
	decode_printer *print;
};

#define VT_AT_DESC(n, dir, cap, sz, mn, js, cl, pr)                                            \
	{ #n, VT_DIR_##dir, VT_CK_##cap, VT_JSON_##js, VT_ARGCLASS_##cl, sz, mn, pr },
static const struct argdesc argdescs[VT_AT_MAX] = { VT_ARGTYPES(VT_AT_DESC) };
#undef VT_AT_DESC

const char *decode_argtype_name(unsigned type)
{
	return type < VT_AT_MAX ? argdescs[type].name : "?";
}

enum decode_json_kind decode_json_kind(unsigned type)
{
	return type < VT_AT_MAX ? argdescs[type].json : VT_JSON_NONE;
}

unsigned decode_argtype_class(unsigned type)
{
	return type < VT_AT_MAX ? argdescs[type].cls : 0;
}

int decode_is_output(unsigned type)
{
	return type < VT_AT_MAX &&
	       (argdescs[type].dir == VT_DIR_OUT || argdescs[type].dir == VT_DIR_INOUT);
}

/* read at entry and at exit: the capture kind says it, whenever the value prints */
int decode_is_inout(unsigned type)
{
	return type < VT_AT_MAX && (argdescs[type].capture == VT_CK_STRUCT_INOUT ||
				    argdescs[type].capture == VT_CK_MSGHDR_OUT);
}

int decode_is_split(unsigned type)
{
	return type < VT_AT_MAX && argdescs[type].dir == VT_DIR_SPLIT;
}

void decode_capspec(unsigned type, int idx, uint8_t *kind, uint16_t *aux)
{
	*kind = VT_CK_NONE;
	*aux = 0;
	if (type >= VT_AT_MAX)
		return;
	*kind = argdescs[type].capture;
	switch (*kind) {
	case VT_CK_BUF_IN:
	case VT_CK_IOV_IN:
	case VT_CK_IOV_OUT:
		/* the length or the count is the next argument */
		*aux = idx + 1;
		break;
	case VT_CK_SIGFRAME:
		/* x86_64: the frame's ucontext is at the stack pointer, its uc_sigmask 296 in */
		*aux = 296;
		break;
	default:
		*aux = argdescs[type].size;
		break;
	}
}

int arg_mem(struct dstr *s, const struct decode_arg *a, unsigned min)
{
	const struct vt_capture *c = a->cap;

	if (!arg_val(a)) {
		dstr_puts(s, "NULL");
		return 0;
	}
	if (!c || (c->flags & VT_CAP_FAULT) || c->len < min) {
		print_ptr(s, arg_val(a));
		return 0;
	}
	return 1;
}

void decode_arg_text(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	const struct argdesc *t;

	if (a->type >= VT_AT_MAX) {
		arg_hex(s, o, a);
		return;
	}
	t = &argdescs[a->type];
	/* memory that could not be read prints as its address, as strace prints it */
	if (t->capture != VT_CK_NONE && t->min >= 0 && !arg_mem(s, a, t->min))
		return;
	t->print(s, o, a);
}

void decode_ret_call(struct dstr *s, const struct decode_opts *o, const struct decode_arg *a)
{
	int64_t ret = a->ret;

	if (ret < 0 && ret >= -4095) {
		decode_ret_text(s, a->type, ret);
		return;
	}
	switch (a->type) {
	case VT_AT_RFCNTL:
		if (ret_fcntl(s, a))
			return;
		break;
	case VT_AT_RPRCTL:
		if (ret_prctl(s, a))
			return;
		break;
	case VT_AT_RPOLL:
		decode_ret_text(s, a->type, ret);
		print_poll_result(s, o, a->caps ? a->caps[0] : NULL, (uint32_t)a->args[1], ret);
		return;
	case VT_AT_RSIGNO:
		decode_ret_text(s, a->type, ret);
		if (ret > 0) {
			dstr_puts(s, " (");
			print_signo(s, ret);
			dstr_putc(s, ')');
		}
		return;
	case VT_AT_RSELECT:
	case VT_AT_RPSELECT:
		decode_ret_text(s, a->type, ret);
		print_select_result(s, a);
		return;
	}
	decode_ret_text(s, a->type, ret);
}
