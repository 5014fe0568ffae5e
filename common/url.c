/*
 * url: percent-encoding; see url.h.
 */
#include <stdarg.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "url.h"

static const char hexdig[] = "0123456789ABCDEF";

static int
unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	    c == '~';
}

void
url_encode(struct buf *b, const char *s, size_t len)
{
	size_t		 i, start;
	unsigned char	 c;
	char		 esc[3];

	for (i = start = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (unreserved(c))
			continue;
		buf_add(b, s + start, i - start);
		esc[0] = '%';
		esc[1] = hexdig[c >> 4];
		esc[2] = hexdig[c & 15];
		buf_add(b, esc, 3);
		start = i + 1;
	}
	buf_add(b, s + start, len - start);
}

char *
url_path(struct arena *a, const char *first, ...)
{
	struct buf	 b;
	va_list		 ap;
	const char	*s;
	char		*p;

	buf_init(&b, 64);
	buf_adds(&b, first);
	va_start(ap, first);
	while ((s = va_arg(ap, const char *)) != NULL) {
		buf_addc(&b, '/');
		url_encode(&b, s, strlen(s));
	}
	va_end(ap);
	p = arena_strndup(a, b.data, b.len);
	buf_release(&b);
	return p;
}

static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
url_decode(char *s, size_t *len, int plus_is_space)
{
	size_t	 i, j, n = *len;
	int	 hi, lo, rc = 0;

	for (i = j = 0; i < n; i++) {
		if (s[i] == '%') {
			if (n - i < 3) {
				rc = -1;
				break;
			}
			if ((hi = hexval((unsigned char)s[i + 1])) < 0 ||
			    (lo = hexval((unsigned char)s[i + 2])) < 0) {
				rc = -1;
				break;
			}
			s[j++] = (char)(hi << 4 | lo);
			i += 2;
		} else if (s[i] == '+' && plus_is_space)
			s[j++] = ' ';
		else
			s[j++] = s[i];
	}
	s[j] = '\0';
	*len = j;
	return rc;
}
