// SPDX-License-Identifier: LGPL-2.1-or-later
#include "tidmap.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static size_t home(const struct tidmap *m, uint32_t tid)
{
	return (tid * 2654435761u) & (m->cap - 1);
}

void tidmap_init(struct tidmap *m)
{
	memset(m, 0, sizeof(*m));
	m->cap = 256;
	m->tab = vt_calloc(m->cap, sizeof(*m->tab));
}

void tidmap_fini(struct tidmap *m, void (*free_ptr)(void *))
{
	if (free_ptr) {
		for (size_t i = 0; i < m->cap; i++)
			if (m->tab[i].tid)
				free_ptr(m->tab[i].ptr);
		if (m->has_zero)
			free_ptr(m->zero.ptr);
	}
	m->has_zero = 0;
	free(m->tab);
	m->tab = NULL;
	m->n = m->cap = 0;
}

static struct tidmap_entry *slot(const struct tidmap *m, uint32_t tid)
{
	size_t i = home(m, tid);

	while (m->tab[i].tid && m->tab[i].tid != tid)
		i = (i + 1) & (m->cap - 1);
	return &m->tab[i];
}

struct tidmap_entry *tidmap_find(struct tidmap *m, uint32_t tid)
{
	struct tidmap_entry *e;

	if (!tid)
		return m->has_zero ? &m->zero : NULL;
	e = slot(m, tid);
	return e->tid ? e : NULL;
}

struct tidmap_entry *tidmap_add(struct tidmap *m, uint32_t tid)
{
	struct tidmap_entry *e;

	if (!tid) {
		if (!m->has_zero) {
			memset(&m->zero, 0, sizeof(m->zero));
			m->has_zero = 1;
		}
		return &m->zero;
	}
	if ((m->n + 1) * 2 > m->cap) {
		struct tidmap old = *m;

		m->cap *= 2;
		m->tab = vt_calloc(m->cap, sizeof(*m->tab));
		for (size_t i = 0; i < old.cap; i++)
			if (old.tab[i].tid)
				*slot(m, old.tab[i].tid) = old.tab[i];
		free(old.tab);
	}
	e = slot(m, tid);
	if (!e->tid) {
		memset(e, 0, sizeof(*e));
		e->tid = tid;
		m->n++;
	}
	return e;
}

void tidmap_remove(struct tidmap *m, struct tidmap_entry *e)
{
	size_t i, j;

	if (e == &m->zero) {
		m->has_zero = 0;
		return;
	}
	i = j = e - m->tab;
	for (;;) {
		size_t h;

		j = (j + 1) & (m->cap - 1);
		if (!m->tab[j].tid)
			break;
		h = home(m, m->tab[j].tid);
		/* move j back to i unless its home lies cyclically in (i, j] */
		if (((j - h) & (m->cap - 1)) >= ((j - i) & (m->cap - 1))) {
			m->tab[i] = m->tab[j];
			i = j;
		}
	}
	m->tab[i].tid = 0;
	m->n--;
}
