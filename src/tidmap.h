/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A map from thread id to a small value, for the consumers of the record stream
 * that pair a thread's entry with its exit (summary, -R filters).  Open
 * addressing on the tid, grown at half load, backward-shift deletion.
 *
 * Threads: a tidmap belongs to one thread.
 */
#ifndef VLTRACE_TIDMAP_H
#define VLTRACE_TIDMAP_H

#include <stddef.h>
#include <stdint.h>

struct tidmap_entry {
	uint32_t tid; /* in tab: 0 is a free slot */
	uint32_t u32;
	uint64_t u64;
	void *ptr;
};

/*
 * Any tid is valid input (a file can hold tid 0): tid 0 has its own entry outside
 * the table, whose free slots it marks.
 */
struct tidmap {
	struct tidmap_entry *tab;
	size_t n, cap;	/* entries in tab (tid 0 not counted), slots */
	struct tidmap_entry zero;
	int has_zero;
};

void tidmap_init(struct tidmap *m);
/* Frees the table; free_ptr (may be NULL) is called on every entry's ptr. */
void tidmap_fini(struct tidmap *m, void (*free_ptr)(void *));
/* The entry of tid, or NULL. */
struct tidmap_entry *tidmap_find(struct tidmap *m, uint32_t tid);
/* The entry of tid, created zeroed if missing; valid until the next add or remove. */
struct tidmap_entry *tidmap_add(struct tidmap *m, uint32_t tid);
void tidmap_remove(struct tidmap *m, struct tidmap_entry *e);

#endif /* VLTRACE_TIDMAP_H */
