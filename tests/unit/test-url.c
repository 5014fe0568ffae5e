/*
 * test-url: component encoding keeps only unreserved bytes, url_path
 * joins, url_decode undoes encoding and rejects bad escapes.
 */
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "tap.h"
#include "url.h"

static const char *
enc(struct buf *b, const char *s)
{
	buf_reset(b);
	url_encode(b, s, strlen(s));
	return b->data;
}

static int
dec(char *out, size_t outsz, const char *in, int plus, size_t *len)
{
	size_t	 n = strlen(in);

	if (n >= outsz)
		return -2;
	memcpy(out, in, n + 1);
	*len = n;
	return url_decode(out, len, plus);
}

int
main(void)
{
	struct arena	*a = arena_new();
	struct buf	 b;
	char		 s[128];
	size_t		 len;
	const char	 bin[] = { 'a', '\0', (char)0xff };

	buf_init(&b, 0);
	is_str(enc(&b, ""), "", "empty");
	is_str(enc(&b, "AZaz09-._~"), "AZaz09-._~", "unreserved kept");
	is_str(enc(&b, "a b"), "a%20b", "space");
	is_str(enc(&b, "a/b?c=d&e#f"), "a%2Fb%3Fc%3Dd%26e%23f", "delimiters");
	is_str(enc(&b, "+%"), "%2B%25", "plus and percent");
	is_str(enc(&b, "\xc3\xa9"), "%C3%A9", "UTF-8 bytes, upper hex");
	is_str(enc(&b, "<\"'>"), "%3C%22%27%3E", "html specials");
	buf_reset(&b);
	url_encode(&b, bin, sizeof(bin));
	is_str(b.data, "a%00%FF", "NUL and 0xff");

	is_str(url_path(a, "/codes", "icd10cm", "K92.2", NULL),
	    "/codes/icd10cm/K92.2", "url_path example");
	is_str(url_path(a, "/codes", NULL), "/codes", "prefix only");
	is_str(url_path(a, "", "a b", "c/d", NULL), "/a%20b/c%2Fd",
	    "components encoded, slash too");
	is_str(url_path(a, "/search?q=x", NULL), "/search?q=x",
	    "first is literal");
	is_str(url_path(a, "/x", "", NULL), "/x/", "empty component");

	is_int(dec(s, sizeof(s), "a%20b", 0, &len), 0, "decode ok");
	is_str(s, "a b", "decode %%20");
	is_int(len, 3, "decoded length");
	is_int(dec(s, sizeof(s), "a+b", 1, &len), 0, "plus");
	is_str(s, "a b", "plus is space");
	is_int(dec(s, sizeof(s), "a+b", 0, &len), 0, "plus kept");
	is_str(s, "a+b", "plus not space in paths");
	is_int(dec(s, sizeof(s), "%c3%A9", 0, &len), 0, "mixed case hex");
	is_str(s, "\xc3\xa9", "mixed case decoded");
	is_int(dec(s, sizeof(s), "x%00y", 0, &len), 0, "%%00 decodes");
	is_int(len, 3, "%%00 length");
	ok(s[1] == '\0' && s[2] == 'y', "%%00 is a NUL byte in the middle");
	is_int(dec(s, sizeof(s), "%2B", 1, &len), 0, "encoded plus");
	is_str(s, "+", "encoded plus stays plus");
	is_int(dec(s, sizeof(s), "", 0, &len), 0, "empty ok");
	is_int(len, 0, "empty length");
	is_int(dec(s, sizeof(s), "%zz", 0, &len), -1, "%%zz");
	is_int(dec(s, sizeof(s), "%", 0, &len), -1, "lone %%");
	is_int(dec(s, sizeof(s), "ab%4", 0, &len), -1, "truncated %%4");
	is_int(dec(s, sizeof(s), "%4g", 0, &len), -1, "%%4g");
	is_int(dec(s, sizeof(s), "%g4", 0, &len), -1, "%%g4");
	is_int(dec(s, sizeof(s), "ok%41%", 0, &len), -1, "trailing %%");
	is_int(dec(s, sizeof(s), "%%41", 0, &len), -1, "%%%% is bad");
	ok(len <= strlen("%%41"), "length sane after error");

	/* Round trip every byte. */
	{
		char	 all[256], *p;
		int	 i, same;

		for (i = 0; i < 256; i++)
			all[i] = (char)i;
		buf_reset(&b);
		url_encode(&b, all, sizeof(all));
		p = b.data;
		len = b.len;
		is_int(url_decode(p, &len, 0), 0, "round trip decodes");
		same = len == 256 && memcmp(p, all, 256) == 0;
		ok(same, "round trip of all 256 bytes");
	}

	buf_release(&b);
	arena_free(a);
	return done_testing();
}
