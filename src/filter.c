// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The --filter language: a recursive-descent parser into a small tree, and a
 * three-valued evaluator over it.  docs/FILTERS.md holds the grammar.
 */
#include "filter.h"
#include "decode.h"
#include "syscalltab.h"
#include "util.h"

#include <ctype.h>
#include <stdarg.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum node_kind {
	N_AND,
	N_OR,
	N_NOT,
	N_CMP,
};

enum op {
	OP_EQ,
	OP_NE,
	OP_LT,
	OP_LE,
	OP_GT,
	OP_GE,
	OP_GLOB, /* ~ */
	OP_IN,
};

struct value {
	int64_t num;	/* numeric fields: the value (dur in ns) */
	char *str;	/* string fields: the text, a glob or a %class */
	uint64_t *mask;	/* syscall: a %class, as VT_MASK_WORDS words of vltrace's numbers */
};

struct node {
	enum node_kind kind;
	struct node *l, *r;
	/* N_CMP */
	enum filter_field field;
	enum op op;
	unsigned nvals;
	struct value *vals;
	uint8_t *nrs;	/* syscall: per number, does it match (after filter_bind) */
	unsigned nnrs;
};

struct filter {
	struct node *root;
	uint32_t fields;
};

/* ---- lexer ---- */

enum tok {
	T_END,
	T_WORD,	  /* unquoted word: a field, a name, a number, a glob */
	T_STRING, /* quoted */
	T_LPAREN,
	T_RPAREN,
	T_COMMA,
	T_OP,	  /* a comparison; tok_op says which */
	T_AND,
	T_OR,
	T_NOT,
};

struct parser {
	const char *s;
	size_t pos;	/* where the current token starts */
	size_t next;	/* where the one after it starts */
	enum tok tok;
	enum op tok_op;
	char *text;	/* T_WORD, T_STRING: the text */
	char *err;
	size_t errlen;
	int col;
	int failed;
	uint32_t fields;
};

static __attribute__((format(printf, 3, 4))) void perr(struct parser *p, size_t at,
							 const char *fmt, ...)
{
	va_list ap;

	if (p->failed)
		return;
	p->failed = 1;
	p->col = (int)at + 1;
	va_start(ap, fmt);
	vsnprintf(p->err, p->errlen, fmt, ap);
	va_end(ap);
}

static int word_char(char c)
{
	return c && !isspace((unsigned char)c) && !strchr("()\"',=!<>~&|", c);
}

static void lex(struct parser *p)
{
	const char *s = p->s;
	size_t i = p->next;

	free(p->text);
	p->text = NULL;
	while (isspace((unsigned char)s[i]))
		i++;
	p->pos = i;
	if (!s[i]) {
		p->tok = T_END;
		p->next = i;
		return;
	}
	switch (s[i]) {
	case '(':
		p->tok = T_LPAREN;
		p->next = i + 1;
		return;
	case ')':
		p->tok = T_RPAREN;
		p->next = i + 1;
		return;
	case ',':
		p->tok = T_COMMA;
		p->next = i + 1;
		return;
	case '~':
		p->tok = T_OP;
		p->tok_op = OP_GLOB;
		p->next = i + 1;
		return;
	case '=':
		p->tok = T_OP;
		p->tok_op = OP_EQ;
		p->next = i + (s[i + 1] == '=' ? 2 : 1);
		return;
	case '!':
		if (s[i + 1] == '=') {
			p->tok = T_OP;
			p->tok_op = OP_NE;
			p->next = i + 2;
		} else {
			p->tok = T_NOT;
			p->next = i + 1;
		}
		return;
	case '<':
	case '>':
		p->tok = T_OP;
		p->tok_op = s[i + 1] == '=' ? (s[i] == '<' ? OP_LE : OP_GE) :
					      (s[i] == '<' ? OP_LT : OP_GT);
		p->next = i + (s[i + 1] == '=' ? 2 : 1);
		return;
	case '&':
	case '|':
		if (s[i + 1] != s[i]) {
			perr(p, i, "'%c' alone: use %s", s[i], s[i] == '&' ? "and (or &&)" :
									     "or (or ||)");
			p->tok = T_END;
			return;
		}
		p->tok = s[i] == '&' ? T_AND : T_OR;
		p->next = i + 2;
		return;
	case '"':
	case '\'': {
		char q = s[i];
		struct dstr d;
		size_t j = i + 1;

		dstr_init(&d);
		while (s[j] && s[j] != q) {
			if (s[j] == '\\' && s[j + 1])
				j++;
			dstr_putc(&d, s[j++]);
		}
		if (!s[j]) {
			dstr_free(&d);
			perr(p, i, "string not closed: add a %c", q);
			p->tok = T_END;
			return;
		}
		dstr_putc(&d, '\0');
		p->text = d.p;
		p->tok = T_STRING;
		p->next = j + 1;
		return;
	}
	}
	{
		size_t j = i;

		while (word_char(s[j]))
			j++;
		p->text = vt_calloc(1, j - i + 1);
		memcpy(p->text, s + i, j - i);
		p->next = j;
		if (!strcmp(p->text, "and"))
			p->tok = T_AND;
		else if (!strcmp(p->text, "or"))
			p->tok = T_OR;
		else if (!strcmp(p->text, "not"))
			p->tok = T_NOT;
		else if (!strcmp(p->text, "in")) {
			p->tok = T_OP;
			p->tok_op = OP_IN;
		} else
			p->tok = T_WORD;
	}
}

/* ---- tree ---- */

static void node_free(struct node *n)
{
	if (!n)
		return;
	node_free(n->l);
	node_free(n->r);
	for (unsigned i = 0; i < n->nvals; i++) {
		free(n->vals[i].str);
		free(n->vals[i].mask);
	}
	free(n->vals);
	free(n->nrs);
	free(n);
}

static const char *const field_names[FF_NFIELDS] = {
	[FF_SYSCALL] = "syscall", [FF_PID] = "pid",	[FF_TID] = "tid",   [FF_COMM] = "comm",
	[FF_RET] = "ret",	  [FF_ERRNO] = "errno", [FF_DUR] = "dur",   [FF_FD] = "fd",
	[FF_PATH] = "path",	  [FF_ARG0] = "arg0",	[FF_ARG0 + 1] = "arg1",
	[FF_ARG0 + 2] = "arg2",	  [FF_ARG0 + 3] = "arg3", [FF_ARG0 + 4] = "arg4",
	[FF_ARG0 + 5] = "arg5",	  [FF_CPU] = "cpu",
};

static int field_is_string(enum filter_field f)
{
	return f == FF_SYSCALL || f == FF_COMM || f == FF_PATH;
}

static int has_glob(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

/* A plain number: decimal, 0x hex, optional sign. */
static int parse_int(const char *s, int64_t *v)
{
	char *end;
	int neg = *s == '-';
	unsigned long long u;

	if (*s == '-' || *s == '+')
		s++;
	if (!isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	u = strtoull(s, &end, 0);
	if (errno || *end || (neg && u > (1ull << 63)))
		return -EINVAL;
	*v = neg ? (int64_t)(0 - u) : (int64_t)u;
	return 0;
}

/* "1.5ms", "200us", "2s", "100ns": a duration in ns; a unit is required. */
static int parse_dur(const char *s, int64_t *ns)
{
	static const struct {
		const char *unit;
		double mul;
	} units[] = { { "ns", 1 }, { "us", 1e3 }, { "ms", 1e6 }, { "s", 1e9 } };
	char *end;
	double v;

	if (!isdigit((unsigned char)*s) && *s != '.')
		return -EINVAL;
	v = strtod(s, &end);
	if (end == s || v < 0)
		return -EINVAL;
	for (unsigned i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (!strcmp(end, units[i].unit)) {
			if (v * units[i].mul > 9.2e18)
				return -ERANGE;
			*ns = (int64_t)(v * units[i].mul + 0.5);
			return 0;
		}
	}
	return *end ? -EINVAL : -ENOENT;
}

static int errno_by_name(const char *s)
{
	for (int e = 1; e < 4096; e++) {
		const char *n = decode_errno_name(e);

		if (n && !strcmp(n, s))
			return e;
	}
	return -1;
}

/* One value of field f, from the current token; advances past it. */
static int parse_value(struct parser *p, struct node *n, struct value *v)
{
	enum filter_field f = n->field;
	size_t at = p->pos;
	const char *t = p->text;

	memset(v, 0, sizeof(*v));
	if (p->tok != T_WORD && p->tok != T_STRING) {
		perr(p, at, "expected a value after %s", field_names[f]);
		return -EINVAL;
	}
	if (field_is_string(f)) {
		if (f == FF_SYSCALL && p->tok == T_WORD) {
			uint64_t m[VT_MASK_WORDS] = { 0 };

			if (*t == '%') {
				if (syscalltab_class_mask(t, m)) {
					perr(p, at,
					     "unknown class %s: use %%file %%desc %%net %%process "
					     "%%memory %%signal %%ipc %%creds %%clock %%stat "
					     "%%lstat %%fstat %%statfs %%pure",
					     t);
					return -EINVAL;
				}
				v->mask = vt_malloc(sizeof(m));
				memcpy(v->mask, m, sizeof(m));
			} else if (!has_glob(t) && syscalltab_lookup(t) < 0) {
				const char *s = syscalltab_suggest(t);

				if (s)
					perr(p, at, "unknown syscall %s: did you mean %s?", t, s);
				else
					perr(p, at, "unknown syscall %s: see syscalls(2)", t);
				return -EINVAL;
			}
		}
		v->str = vt_strdup(t);
		lex(p);
		return 0;
	}
	if (f == FF_DUR) {
		int e = parse_dur(t, &v->num);

		if (e == -ENOENT)
			perr(p, at, "a duration needs a unit: %sns, %sus, %sms or %ss", t, t, t, t);
		else if (e)
			perr(p, at, "invalid duration %s: give a number and a unit, like 1.5ms", t);
		if (e)
			return -EINVAL;
	} else if (f == FF_ERRNO && isalpha((unsigned char)*t)) {
		int e = errno_by_name(t);

		if (e < 0) {
			perr(p, at, "unknown errno %s: give a name like ENOENT, or a number", t);
			return -EINVAL;
		}
		v->num = e;
	} else if (parse_int(t, &v->num)) {
		perr(p, at, "invalid number %s for %s", t, field_names[f]);
		return -EINVAL;
	} else if ((f == FF_PID || f == FF_TID || f == FF_CPU || f == FF_ERRNO) && v->num < 0) {
		perr(p, at, "%s cannot be negative", field_names[f]);
		return -EINVAL;
	}
	lex(p);
	return 0;
}

static struct node *parse_or(struct parser *p);

static struct node *parse_cmp(struct parser *p)
{
	struct node *n;
	size_t at = p->pos;
	int f;

	if (p->tok != T_WORD) {
		perr(p, at, p->tok == T_END ? "expression ends early: expected a field" :
					      "expected a field (syscall, pid, dur, ...)");
		return NULL;
	}
	for (f = 0; f < FF_NFIELDS; f++)
		if (!strcmp(p->text, field_names[f]))
			break;
	if (f == FF_NFIELDS) {
		perr(p, at, "unknown field %s: use syscall, pid, tid, comm, ret, errno, dur, fd, "
			    "path, arg0..arg5 or cpu", p->text);
		return NULL;
	}
	n = vt_calloc(1, sizeof(*n));
	n->kind = N_CMP;
	n->field = f;
	p->fields |= 1u << f;
	lex(p);
	if (p->tok != T_OP) {
		perr(p, p->pos, "expected an operator after %s: = != < <= > >= ~ in",
		     field_names[f]);
		goto fail;
	}
	n->op = p->tok_op;
	at = p->pos;
	if (n->op == OP_GLOB && !field_is_string(f)) {
		perr(p, at, "~ matches text: %s is a number", field_names[f]);
		goto fail;
	}
	if (n->op >= OP_LT && n->op <= OP_GE && field_is_string(f)) {
		perr(p, at, "%s is text: compare it with =, !=, ~ or in", field_names[f]);
		goto fail;
	}
	lex(p);
	if (n->op == OP_IN) {
		if (p->tok != T_LPAREN) {
			perr(p, p->pos, "expected ( after in");
			goto fail;
		}
		lex(p);
		for (;;) {
			n->vals = realloc(n->vals, (n->nvals + 1) * sizeof(*n->vals));
			if (!n->vals)
				vt_die(ENOMEM);
			if (parse_value(p, n, &n->vals[n->nvals]))
				goto fail;
			n->nvals++;
			if (p->tok == T_RPAREN)
				break;
			if (p->tok != T_COMMA) {
				perr(p, p->pos, "expected , or ) in the list");
				goto fail;
			}
			lex(p);
		}
		lex(p);
		return n;
	}
	n->vals = vt_calloc(1, sizeof(*n->vals));
	if (parse_value(p, n, &n->vals[0]))
		goto fail;
	n->nvals = 1;
	return n;
fail:
	node_free(n);
	return NULL;
}

static struct node *parse_unary(struct parser *p)
{
	struct node *n;

	if (p->tok == T_NOT) {
		lex(p);
		n = vt_calloc(1, sizeof(*n));
		n->kind = N_NOT;
		n->l = parse_unary(p);
		if (!n->l) {
			node_free(n);
			return NULL;
		}
		return n;
	}
	if (p->tok == T_LPAREN) {
		size_t at = p->pos;

		lex(p);
		n = parse_or(p);
		if (!n)
			return NULL;
		if (p->tok != T_RPAREN) {
			perr(p, p->tok == T_END ? at : p->pos,
			     p->tok == T_END ? "( not closed: add a )" : "expected )");
			node_free(n);
			return NULL;
		}
		lex(p);
		return n;
	}
	return parse_cmp(p);
}

static struct node *parse_binary(struct parser *p, enum tok op)
{
	struct node *l = op == T_OR ? parse_binary(p, T_AND) : parse_unary(p), *n;

	while (l && p->tok == op) {
		lex(p);
		n = vt_calloc(1, sizeof(*n));
		n->kind = op == T_OR ? N_OR : N_AND;
		n->l = l;
		n->r = op == T_OR ? parse_binary(p, T_AND) : parse_unary(p);
		if (!n->r) {
			node_free(n);
			return NULL;
		}
		l = n;
	}
	return l;
}

static struct node *parse_or(struct parser *p)
{
	return parse_binary(p, T_OR);
}

int filter_parse(const char *expr, struct filter **out, char *err, size_t errlen, int *col)
{
	struct parser p = { .s = expr, .err = err, .errlen = errlen };
	struct node *root;

	*out = NULL;
	lex(&p);
	root = p.failed ? NULL : parse_or(&p);
	if (root && p.tok != T_END)
		perr(&p, p.pos, "unexpected %s: join conditions with and, or",
		     p.text ? p.text : "character");
	free(p.text);
	if (!root || p.failed) {
		node_free(root);
		*col = p.col;
		return -EINVAL;
	}
	*out = vt_calloc(1, sizeof(**out));
	(*out)->root = root;
	(*out)->fields = p.fields;
	filter_bind(*out, NULL, 0);
	return 0;
}

/* ---- binding ---- */

/* ours: the number of name in vltrace's table, whose classes a %class names */
static int syscall_value_matches(const struct value *v, const char *name, int ours)
{
	if (v->mask)
		return ours >= 0 && ours < VT_NR_SYSCALLS &&
		       ((v->mask[ours / 64] >> (ours % 64)) & 1);
	return !fnmatch(v->str, name, 0);
}

static void bind_node(struct node *n, const char *const *names, unsigned nnames)
{
	if (!n)
		return;
	bind_node(n->l, names, nnames);
	bind_node(n->r, names, nnames);
	if (n->kind != N_CMP || n->field != FF_SYSCALL)
		return;
	free(n->nrs);
	n->nnrs = names ? nnames : syscalltab_size();
	n->nrs = vt_calloc(n->nnrs ? n->nnrs : 1, 1);
	for (unsigned nr = 0; nr < n->nnrs; nr++) {
		const struct vt_syscall_info *si;
		const char *name = names ? names[nr] : NULL;
		int ours;

		if (!names) {
			si = syscalltab_get(nr);
			name = si ? si->name : NULL;
		}
		if (!name)
			continue;
		ours = names ? syscalltab_lookup(name) : (int)nr;
		for (unsigned i = 0; i < n->nvals; i++)
			n->nrs[nr] |= syscall_value_matches(&n->vals[i], name, ours);
	}
}

void filter_bind(struct filter *f, const char *const *names, unsigned n)
{
	bind_node(f->root, names, n);
}

/* ---- evaluation ---- */

static int cmp_num(enum op op, int64_t a, int64_t b)
{
	switch (op) {
	case OP_EQ:
	case OP_IN:
		return a == b;
	case OP_NE:
		return a != b;
	case OP_LT:
		return a < b;
	case OP_LE:
		return a <= b;
	case OP_GT:
		return a > b;
	case OP_GE:
		return a >= b;
	default:
		return 0;
	}
}

/* Registers: unsigned, unless the value given is negative. */
static int cmp_reg(enum op op, uint64_t a, int64_t b)
{
	if (b < 0)
		return cmp_num(op, (int64_t)a, b);
	switch (op) {
	case OP_LT:
		return a < (uint64_t)b;
	case OP_LE:
		return a <= (uint64_t)b;
	case OP_GT:
		return a > (uint64_t)b;
	case OP_GE:
		return a >= (uint64_t)b;
	default:
		return cmp_num(op, (int64_t)a, b);
	}
}

/* Does one value hold for v?  != is handled by the caller, as not =. */
static int one_num(const struct node *n, int64_t v)
{
	enum op op = n->op == OP_NE ? OP_EQ : n->op;

	for (unsigned i = 0; i < n->nvals; i++)
		if (cmp_num(op, v, n->vals[i].num))
			return 1;
	return 0;
}

static int one_str(const struct node *n, const char *s, size_t len)
{
	char buf[4096];

	if (len >= sizeof(buf))
		len = sizeof(buf) - 1;
	memcpy(buf, s, len);
	buf[len] = 0;
	for (unsigned i = 0; i < n->nvals; i++) {
		if (n->op == OP_GLOB ? !fnmatch(n->vals[i].str, buf, 0) :
				       !strcmp(n->vals[i].str, buf))
			return 1;
	}
	return 0;
}

static enum filter_result eval_cmp(const struct node *n, const struct filter_call *c)
{
	int r = 0, neg = n->op == OP_NE;
	int callf = n->field != FF_PID && n->field != FF_TID && n->field != FF_CPU &&
		    n->field != FF_COMM;
	int exitf = n->field == FF_RET || n->field == FF_ERRNO || n->field == FF_DUR;

	if (callf && c->kind == FILTER_EVENT)
		return FILTER_UNKNOWN;
	if (exitf && c->kind == FILTER_ENTRY)
		return FILTER_UNKNOWN;
	switch (n->field) {
	case FF_SYSCALL:
		r = c->nr < n->nnrs && n->nrs[c->nr];
		break;
	case FF_PID:
		r = one_num(n, c->pid);
		break;
	case FF_TID:
		r = one_num(n, c->tid);
		break;
	case FF_CPU:
		r = one_num(n, c->cpu);
		break;
	case FF_COMM:
		if (!c->comm)
			return FILTER_UNKNOWN;
		r = one_str(n, c->comm, strlen(c->comm));
		break;
	case FF_RET:
		r = one_num(n, c->ret);
		break;
	case FF_ERRNO:
		r = one_num(n, c->ret < 0 && c->ret >= -4095 ? -c->ret : 0);
		break;
	case FF_DUR:
		r = one_num(n, (int64_t)c->dur);
		break;
	case FF_FD:
		for (unsigned i = 0; i < c->nfds && !r; i++)
			r = one_num(n, c->fds[i]);
		break;
	case FF_PATH:
		for (unsigned i = 0; i < c->npaths && !r; i++)
			r = one_str(n, c->paths[i], c->path_lens[i]);
		break;
	default: {
		enum op op = neg ? OP_EQ : n->op;

		for (unsigned i = 0; i < n->nvals && !r; i++)
			r = cmp_reg(op, c->args[n->field - FF_ARG0], n->vals[i].num);
		break;
	}
	}
	if (neg)
		r = !r;
	return r ? FILTER_TRUE : FILTER_FALSE;
}

static enum filter_result eval(const struct node *n, const struct filter_call *c)
{
	enum filter_result a, b;

	switch (n->kind) {
	case N_NOT:
		a = eval(n->l, c);
		return a == FILTER_UNKNOWN ? a : a == FILTER_TRUE ? FILTER_FALSE : FILTER_TRUE;
	case N_AND:
		a = eval(n->l, c);
		if (a == FILTER_FALSE)
			return a;
		b = eval(n->r, c);
		return b == FILTER_FALSE ? b : a == FILTER_TRUE ? b : FILTER_UNKNOWN;
	case N_OR:
		a = eval(n->l, c);
		if (a == FILTER_TRUE)
			return a;
		b = eval(n->r, c);
		return b == FILTER_TRUE ? b : a == FILTER_FALSE ? b : FILTER_UNKNOWN;
	default:
		return eval_cmp(n, c);
	}
}

enum filter_result filter_eval(const struct filter *f, const struct filter_call *c)
{
	return eval(f->root, c);
}

int filter_pass(const struct filter *f, const struct filter_call *c)
{
	enum filter_result r = eval(f->root, c);

	return c->kind == FILTER_EVENT ? r != FILTER_FALSE : r == FILTER_TRUE;
}

/* ---- the kernel's part ---- */

static void kf_list_u32(__u32 *list, __u32 *n, const struct node *c)
{
	if (*n || c->nvals > VT_KF_MAX)
		return; /* one list the kernel can hold; the rest stays in user space */
	for (unsigned i = 0; i < c->nvals; i++)
		list[(*n)++] = (__u32)c->vals[i].num;
}

/* lo <= v <= hi, from one comparison of a signed or unsigned field */
static void kf_range_s(__s64 *lo, __s64 *hi, enum op op, int64_t v)
{
	switch (op) {
	case OP_EQ:
		if (v > *lo)
			*lo = v;
		if (v < *hi)
			*hi = v;
		break;
	case OP_GT:
		if (v < INT64_MAX && v + 1 > *lo)
			*lo = v + 1;
		break;
	case OP_GE:
		if (v > *lo)
			*lo = v;
		break;
	case OP_LT:
		if (v > INT64_MIN && v - 1 < *hi)
			*hi = v - 1;
		break;
	case OP_LE:
		if (v < *hi)
			*hi = v;
		break;
	default:
		break;
	}
}

static void kf_range_u(__u64 *lo, __u64 *hi, enum op op, uint64_t v)
{
	switch (op) {
	case OP_EQ:
		if (v > *lo)
			*lo = v;
		if (v < *hi)
			*hi = v;
		break;
	case OP_GT:
		if (v < UINT64_MAX && v + 1 > *lo)
			*lo = v + 1;
		break;
	case OP_GE:
		if (v > *lo)
			*lo = v;
		break;
	case OP_LT:
		if (v > 0 && v - 1 < *hi)
			*hi = v - 1;
		break;
	case OP_LE:
		if (v < *hi)
			*hi = v;
		break;
	default:
		break;
	}
}

/*
 * Returns 1 when the kernel now decides c exactly for every call it counts: not
 * for fd and argument values, which execve's exit no longer has.
 */
static int kf_cond(const struct node *c, struct vt_kfilter *k, uint64_t mask[VT_MASK_WORDS],
		   int *use_mask)
{
	int one = c->op == OP_EQ || (c->op == OP_IN && c->nvals == 1);
	__s64 lo, hi;

	switch (c->field) {
	case FF_SYSCALL:
		for (unsigned nr = 0; nr < VT_NR_SYSCALLS; nr++) {
			int m = nr < c->nnrs && c->nrs[nr];

			if (c->op == OP_NE ? m : !m)
				mask[nr / 64] &= ~(1ull << (nr % 64));
		}
		*use_mask = 1;
		return 1;
	case FF_PID:
		if ((c->op == OP_EQ || c->op == OP_IN) && !k->npids && c->nvals <= VT_KF_MAX) {
			kf_list_u32(k->pids, &k->npids, c);
			return 1;
		}
		break;
	case FF_TID:
		if ((c->op == OP_EQ || c->op == OP_IN) && !k->ntids && c->nvals <= VT_KF_MAX) {
			kf_list_u32(k->tids, &k->ntids, c);
			return 1;
		}
		break;
	case FF_FD:
		if ((c->op == OP_EQ || c->op == OP_IN) && !k->nfds && c->nvals <= VT_KF_MAX)
			for (unsigned i = 0; i < c->nvals; i++)
				k->fds[k->nfds++] = c->vals[i].num;
		break;
	case FF_DUR:
		if (c->op == OP_NE || c->op == OP_GLOB || (c->op == OP_IN && !one))
			break;
		lo = (int64_t)k->dur_min;
		hi = k->dur_max > INT64_MAX ? INT64_MAX : (int64_t)k->dur_max;
		kf_range_s(&lo, &hi, one ? OP_EQ : c->op, c->vals[0].num);
		k->dur_min = lo < 0 ? 0 : (uint64_t)lo;
		if (hi != INT64_MAX)
			k->dur_max = hi < 0 ? 0 : (uint64_t)hi;
		return 1;
	case FF_RET:
		if (c->op == OP_NE && k->nret_not < VT_KF_MAX) {
			k->ret_not[k->nret_not++] = c->vals[0].num;
			return 1;
		}
		if (c->op == OP_NE || c->op == OP_GLOB || (c->op == OP_IN && !one))
			break;
		kf_range_s(&k->ret_min, &k->ret_max, one ? OP_EQ : c->op, c->vals[0].num);
		return 1;
	case FF_ERRNO:
		/* errno = E is ret = -E; errno 0 (success) is more than one range */
		if (c->op == OP_NE && c->vals[0].num && k->nret_not < VT_KF_MAX) {
			k->ret_not[k->nret_not++] = -c->vals[0].num;
			return 1;
		}
		if (one && c->vals[0].num > 0) {
			kf_range_s(&k->ret_min, &k->ret_max, OP_EQ, -c->vals[0].num);
			return 1;
		}
		break;
	default:
		if (c->field >= FF_ARG0 && c->field < FF_ARG0 + 6 && c->vals[0].num >= 0 &&
		    (c->op != OP_IN || c->nvals == 1))
			kf_range_u(&k->arg_min[c->field - FF_ARG0], &k->arg_max[c->field - FF_ARG0],
				   c->op == OP_IN ? OP_EQ : c->op, (uint64_t)c->vals[0].num);
		break;
	}
	return 0;
}

static int kf_walk(const struct node *n, struct vt_kfilter *k, uint64_t mask[VT_MASK_WORDS],
		   int *use_mask)
{
	int l, r;

	if (n->kind == N_AND) {
		l = kf_walk(n->l, k, mask, use_mask);
		r = kf_walk(n->r, k, mask, use_mask);
		return l && r;
	}
	return n->kind == N_CMP ? kf_cond(n, k, mask, use_mask) : 0;
}

int filter_kernel(const struct filter *f, struct vt_kfilter *k, uint64_t mask[VT_MASK_WORDS],
		  int *use_mask)
{
	int exact;

	memset(k, 0, sizeof(*k));
	k->dur_max = UINT64_MAX;
	k->ret_min = INT64_MIN;
	k->ret_max = INT64_MAX;
	for (int i = 0; i < 6; i++)
		k->arg_max[i] = UINT64_MAX;
	for (int i = 0; i < VT_MASK_WORDS; i++)
		mask[i] = ~0ull;
	*use_mask = 0;
	exact = kf_walk(f->root, k, mask, use_mask);
	k->on_exit = k->dur_min || k->dur_max != UINT64_MAX || k->ret_min != INT64_MIN ||
		     k->ret_max != INT64_MAX || k->nret_not;
	k->on_entry = k->npids || k->ntids || k->nfds;
	for (int i = 0; i < 6; i++)
		k->on_entry |= k->arg_min[i] || k->arg_max[i] != UINT64_MAX;
	return exact;
}

uint32_t filter_fields(const struct filter *f)
{
	return f->fields;
}

void filter_free(struct filter *f)
{
	if (!f)
		return;
	node_free(f->root);
	free(f);
}
