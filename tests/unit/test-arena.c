/*
 * test-arena: alignment, zeroing, copies, big allocations, growth past a
 * block, and deferred cleanups run last-in first-out at reset and free.
 */
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "tap.h"

static int	 order[16], norder;

static void
rec(void *p)
{
	order[norder++] = (int)(intptr_t)p;
}

int
main(void)
{
	struct arena	*a = arena_new();
	char		*p, *big, *s;
	size_t		 i, sizes[] = { 1, 3, 7, 8, 15, 16, 17, 100, 4095 };
	int		 aligned = 1, zero = 1;
	unsigned char	*z;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		p = arena_alloc(a, sizes[i]);
		if ((uintptr_t)p % 16 != 0)
			aligned = 0;
		memset(p, 0xAB, sizes[i]);
	}
	ok(aligned, "allocations are 16-byte aligned");
	p = arena_alloc(a, 0);
	ok(p != NULL && (uintptr_t)p % 16 == 0, "zero-size alloc is valid");

	z = arena_calloc(a, 100, 7);
	for (i = 0; i < 700; i++)
		if (z[i] != 0)
			zero = 0;
	ok(zero, "calloc zeroes");

	s = arena_strdup(a, "hello");
	is_str(s, "hello", "strdup");
	s = arena_strndup(a, "hello world", 5);
	is_str(s, "hello", "strndup stops at len");
	s = arena_strndup(a, "a\0b", 3);
	ok(s[0] == 'a' && s[1] == '\0' && s[2] == 'b' && s[3] == '\0',
	    "strndup copies NUL bytes and terminates");
	s = arena_printf(a, "%s-%d-%05.1f", "x", 42, 3.14159);
	is_str(s, "x-42-003.1", "printf");
	s = arena_printf(a, "%s", "");
	is_str(s, "", "printf empty");

	big = arena_alloc(a, 1024 * 1024);
	ok(big != NULL && (uintptr_t)big % 16 == 0, "1 MiB alloc aligned");
	memset(big, 1, 1024 * 1024);
	ok(big[1024 * 1024 - 1] == 1, "1 MiB usable to the end");
	/* Many small allocations fill several blocks. */
	for (i = 0; i < 10000; i++) {
		p = arena_alloc(a, 100);
		memset(p, (int)i, 100);
		if ((uintptr_t)p % 16 != 0)
			aligned = 0;
	}
	ok(aligned, "alignment holds across blocks");
	s = arena_alloc(a, 64 * 1024);
	memset(s, 2, 64 * 1024);
	ok(1, "a block-sized allocation");

	arena_defer(a, rec, (void *)1);
	arena_defer(a, rec, (void *)2);
	arena_defer(a, rec, (void *)3);
	arena_reset(a);
	is_int(norder, 3, "three defers ran at reset");
	ok(order[0] == 3 && order[1] == 2 && order[2] == 1, "LIFO order");
	arena_reset(a);
	is_int(norder, 3, "defers run once");

	/* Usable after reset. */
	s = arena_strdup(a, "again");
	is_str(s, "again", "usable after reset");
	for (i = 0; i < 5000; i++)
		(void)arena_alloc(a, 200);
	arena_defer(a, rec, (void *)4);
	arena_defer(a, rec, (void *)5);
	norder = 0;
	arena_free(a);
	ok(norder == 2 && order[0] == 5 && order[1] == 4,
	    "arena_free runs defers LIFO");
	arena_free(NULL);
	ok(1, "arena_free(NULL)");
	return done_testing();
}
