/*
 * test-buf: the strbuf invariants (data never NULL, data[len] == '\0',
 * len < cap) checked after every operation, growth, binary safety,
 * truncation and detach.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "tap.h"

static int
inv(const struct buf *b)
{
	return b->data != NULL && b->len < b->cap && b->data[b->len] == '\0';
}

#define INV(b, what)	ok(inv(b), "invariants after %s", what)

int
main(void)
{
	struct buf	 b;
	char		*p, big[5000];
	size_t		 len, i;

	buf_init(&b, 0);
	INV(&b, "init");
	is_int(b.len, 0, "init empty");
	is_str(b.data, "", "init empty string");
	buf_add(&b, "abc", 3);
	INV(&b, "add");
	is_str(b.data, "abc", "add");
	buf_add(&b, "zzz", 0);
	INV(&b, "add 0");
	is_int(b.len, 3, "add 0 no change");
	buf_adds(&b, "def");
	INV(&b, "adds");
	is_str(b.data, "abcdef", "adds");
	buf_addc(&b, 'g');
	INV(&b, "addc");
	is_str(b.data, "abcdefg", "addc");
	buf_addc(&b, '\0');
	INV(&b, "addc NUL");
	is_int(b.len, 8, "NUL counted");
	buf_add(&b, "h\0i", 3);
	INV(&b, "add with NUL");
	is_int(b.len, 11, "binary length");
	ok(memcmp(b.data, "abcdefg\0h\0i", 11) == 0, "binary content");
	buf_truncate(&b, 3);
	INV(&b, "truncate");
	is_str(b.data, "abc", "truncate");
	buf_truncate(&b, 100);
	INV(&b, "truncate longer");
	is_int(b.len, 3, "truncate longer is no-op");
	buf_addf(&b, "-%d-%s", 42, "x");
	INV(&b, "addf");
	is_str(b.data, "abc-42-x", "addf");
	memset(big, 'q', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	buf_addf(&b, "%s", big);
	INV(&b, "addf growing");
	is_int(b.len, 8 + 4999, "addf growing length");
	ok(b.data[8] == 'q' && b.data[b.len - 1] == 'q',
	    "addf growing content");
	buf_reset(&b);
	INV(&b, "reset");
	is_int(b.len, 0, "reset empty");
	ok(b.cap > 5000, "reset keeps memory");
	for (i = 0; i < 100000; i++)
		buf_addc(&b, 'a' + (int)(i % 26));
	INV(&b, "100000 addc");
	is_int(b.len, 100000, "100000 bytes");
	ok(b.data[99999] == 'a' + 99999 % 26, "last byte");
	buf_grow(&b, 1000000);
	INV(&b, "grow");
	ok(b.cap > b.len + 1000000, "grow reserves");
	is_int(b.len, 100000, "grow keeps len");

	p = buf_detach(&b, &len);
	is_int(len, 100000, "detach length");
	ok(p[0] == 'a' && p[100000] == '\0', "detached string");
	free(p);
	INV(&b, "detach");
	is_int(b.len, 0, "detach leaves empty buf");
	buf_adds(&b, "reuse");
	is_str(b.data, "reuse", "usable after detach");
	p = buf_detach(&b, NULL);
	is_str(p, "reuse", "detach NULL len");
	free(p);
	buf_release(&b);
	ok(b.data == NULL && b.len == 0 && b.cap == 0, "release");
	buf_init(&b, 1000);
	INV(&b, "init with hint");
	ok(b.cap > 1000, "hint honoured");
	buf_release(&b);
	return done_testing();
}
