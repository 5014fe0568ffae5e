/*
 * test-html: the escaper escapes all five characters, keeps everything
 * else byte for byte (NUL and UTF-8 included), and the html builders copy.
 */
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "html.h"
#include "tap.h"

static const char *
esc(struct buf *b, const char *s, size_t len)
{
	buf_reset(b);
	html_escape(b, s, len);
	return b->data;
}

int
main(void)
{
	struct arena	*a = arena_new();
	struct buf	 b, b2;
	struct html	 h;
	const char	 nul[] = { 'a', '\0', '<' };

	buf_init(&b, 0);
	is_str(esc(&b, "", 0), "", "empty");
	is_int(b.len, 0, "empty length");
	is_str(esc(&b, "plain text", 10), "plain text", "plain unchanged");
	is_str(esc(&b, "&<>\"'", 5), "&amp;&lt;&gt;&quot;&#39;", "all five");
	is_str(esc(&b, "<script>alert('x')</script>", 27),
	    "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", "script");
	is_str(esc(&b, "a&amp;b", 7), "a&amp;amp;b",
	    "double escape is literal");
	is_str(esc(&b, "caf\xc3\xa9 \xe2\x80\x94", 9),
	    "caf\xc3\xa9 \xe2\x80\x94",
	    "UTF-8 kept");
	esc(&b, nul, sizeof(nul));
	is_int(b.len, 6, "NUL kept, binary safe");
	ok(memcmp(b.data, "a\0&lt;", 6) == 0, "NUL bytes");
	ok(b.data[b.len] == '\0', "terminated");
	is_str(esc(&b, "x<y", 1), "x", "length respected");
	buf_reset(&b);
	buf_adds(&b, "keep:");
	html_escape(&b, "<", 1);
	is_str(b.data, "keep:&lt;", "appends");
	buf_reset(&b);
	html_escapes(&b, NULL);
	is_int(b.len, 0, "escapes NULL appends nothing");
	html_escapes(&b, "a'b");
	is_str(b.data, "a&#39;b", "escapes");

	h = html_text(a, "<b>&</b>");
	is_str(h.p, "&lt;b&gt;&amp;&lt;/b&gt;", "html_text escapes");
	is_int(h.len, strlen(h.p), "html_text len");
	h = html_text(a, NULL);
	is_str(h.p, "", "html_text NULL");
	is_int(h.len, 0, "html_text NULL len");

	buf_init(&b2, 0);
	buf_adds(&b2, "<em>");
	html_escapes(&b2, "a<b");
	buf_adds(&b2, "</em>");
	h = html_buf(a, &b2);
	buf_reset(&b2);
	buf_adds(&b2, "changed");
	is_str(h.p, "<em>a&lt;b</em>", "html_buf copies");
	is_int(h.len, 15, "html_buf len");

	buf_release(&b);
	buf_release(&b2);
	arena_free(a);
	return done_testing();
}
