/*
 * arena: request-lifetime memory (nginx pools, lwan coro_defer). Everything
 * allocated from an arena is freed at once by arena_reset(); foreign objects
 * (PGresult, json_object, pcre2 match data) are released there too by
 * arena_defer() callbacks, run last-in first-out. Allocation failure aborts.
 * With -DARENA_MALLOC (asan and valgrind builds) each object is its own
 * malloc, so the sanitizers see every overflow.
 */
#ifndef ARENA_H
#define ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena;

struct arena	*arena_new(void);
/* An arena whose blocks are about size bytes (small caches). */
struct arena	*arena_new_sized(size_t);
void		 arena_free(struct arena *);
void		 arena_reset(struct arena *);	/* runs defers, keeps first block */
void		*arena_alloc(struct arena *, size_t);	/* aligned for any type */
void		*arena_calloc(struct arena *, size_t, size_t);
char		*arena_strdup(struct arena *, const char *);
char		*arena_strndup(struct arena *, const char *, size_t);
char		*arena_printf(struct arena *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
char		*arena_vprintf(struct arena *, const char *, va_list)
		    __attribute__((format(printf, 2, 0)));
void		 arena_defer(struct arena *, void (*)(void *), void *);

#endif /* ARENA_H */
