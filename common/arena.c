/*
 * arena: bump allocation in chained blocks; see arena.h. The first block
 * is kept across resets so a steady-state request allocates nothing from
 * malloc.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "util.h"

#define ARENA_BLOCK	(64 * 1024)
#define ARENA_ALIGN	16

struct block {
	struct block	*next;
	size_t		 size;
	size_t		 used;
	/* data follows, aligned */
};

struct defer {
	struct defer	*next;
	void		(*fn)(void *);
	void		*p;
};

struct big {
	struct big	*next;
};

struct arena {
	size_t		 bsize;		/* block size */
	struct block	*head;		/* current block; last is the first one */
	struct defer	*defers;
	struct big	*bigs;		/* oversized or ARENA_MALLOC objects */
};

#define BLOCK_HDR	((sizeof(struct block) + ARENA_ALIGN - 1) & \
			    ~(size_t)(ARENA_ALIGN - 1))
#define BIG_HDR		((sizeof(struct big) + ARENA_ALIGN - 1) & \
			    ~(size_t)(ARENA_ALIGN - 1))

static struct block *
block_new(size_t size)
{
	struct block	*b;

	b = xmalloc(BLOCK_HDR + size);
	b->next = NULL;
	b->size = size;
	b->used = 0;
	return b;
}

struct arena *
arena_new_sized(size_t size)
{
	struct arena	*a;

	a = xcalloc(1, sizeof(*a));
	a->bsize = size < 1024 ? 1024 : size;
	a->head = block_new(a->bsize);
	return a;
}

struct arena *
arena_new(void)
{
	return arena_new_sized(ARENA_BLOCK);
}

void
arena_reset(struct arena *a)
{
	struct defer	*d;
	struct block	*b;
	struct big	*g;

	/* Defer records live in the arena: walk before freeing blocks. */
	while ((d = a->defers) != NULL) {
		a->defers = d->next;
		d->fn(d->p);
	}
	while ((g = a->bigs) != NULL) {
		a->bigs = g->next;
		free(g);
	}
	while (a->head->next != NULL) {
		b = a->head;
		a->head = b->next;
		free(b);
	}
	a->head->used = 0;
}

void
arena_free(struct arena *a)
{
	if (a == NULL)
		return;
	arena_reset(a);
	free(a->head);
	free(a);
}

static void *
big_alloc(struct arena *a, size_t sz)
{
	struct big	*g;

	g = xmalloc(BIG_HDR + sz);
	g->next = a->bigs;
	a->bigs = g;
	return (char *)g + BIG_HDR;
}

void *
arena_alloc(struct arena *a, size_t sz)
{
#ifndef ARENA_MALLOC
	struct block	*b;
	size_t		 need;
#endif

	if (sz == 0)
		sz = 1;
	if (sz > SIZE_MAX / 2)
		abort();
#ifdef ARENA_MALLOC
	return big_alloc(a, sz);
#else
	need = (sz + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (need > a->bsize / 4)
		return big_alloc(a, sz);
	b = a->head;
	if (b->size - b->used < need) {
		b = block_new(a->bsize);
		b->next = a->head;
		a->head = b;
	}
	b->used += need;
	return (char *)b + BLOCK_HDR + b->used - need;
#endif
}

void *
arena_calloc(struct arena *a, size_t n, size_t sz)
{
	void	*p;

	if (sz != 0 && n > SIZE_MAX / sz)
		abort();
	p = arena_alloc(a, n * sz);
	memset(p, 0, n * sz);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t len)
{
	char	*p;

	p = arena_alloc(a, len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list	 cp;
	char	*p;
	int	 n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		abort();
	p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

void
arena_defer(struct arena *a, void (*fn)(void *), void *p)
{
	struct defer	*d;

	d = arena_alloc(a, sizeof(*d));
	d->fn = fn;
	d->p = p;
	d->next = a->defers;
	a->defers = d;
}
