/*
 * html: escaping; see html.h. The escaper copies runs of safe bytes at
 * once, so escaping mostly-plain text costs about a memcpy.
 */
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "html.h"

void
html_escape(struct buf *b, const char *s, size_t len)
{
	size_t		 i, start;
	const char	*rep;

	buf_grow(b, len);
	for (i = start = 0; i < len; i++) {
		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		default:
			continue;
		}
		buf_add(b, s + start, i - start);
		buf_adds(b, rep);
		start = i + 1;
	}
	buf_add(b, s + start, len - start);
}

void
html_escapes(struct buf *b, const char *s)
{
	if (s != NULL)
		html_escape(b, s, strlen(s));
}

struct html
html_text(struct arena *a, const char *s)
{
	struct html	 h;
	struct buf	 b;

	if (s == NULL) {
		h.p = "";
		h.len = 0;
		return h;
	}
	buf_init(&b, strlen(s) + 16);
	html_escapes(&b, s);
	h = html_buf(a, &b);
	buf_release(&b);
	return h;
}

struct html
html_buf(struct arena *a, const struct buf *b)
{
	struct html	 h;

	h.p = arena_strndup(a, b->data, b->len);
	h.len = b->len;
	return h;
}
