/*
 * html: the one HTML escaper, and struct html, the type of trusted markup.
 * Request text becomes markup only through html_escape (all five of
 * & < > " '); a struct html is made only by html_* and tmpl_* so that
 * passing raw text where markup is expected fails to compile.
 */
#ifndef HTML_H
#define HTML_H

#include <stddef.h>

struct arena;
struct buf;

/* Trusted markup; p points to len bytes (NUL-terminated), arena memory. */
struct html {
	const char	*p;
	size_t		 len;
};

/* Append (s, len) to b with & < > " ' escaped (' as &#39;). */
void		html_escape(struct buf *, const char *, size_t);
/* The same for a NUL-terminated string; NULL appends nothing. */
void		html_escapes(struct buf *, const char *);
/* An escaped arena copy of s as trusted markup; NULL gives {"", 0}. */
struct html	html_text(struct arena *, const char *);
/*
 * Declare the contents of b trusted markup (an arena copy, so b may be
 * reused). Only for buffers built by html_* and tmpl_*.
 */
struct html	html_buf(struct arena *, const struct buf *);

#endif /* HTML_H */
