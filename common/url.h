/*
 * url: building and decoding URL pieces. url_encode and url_path make the
 * links pages print (percent-encoding every component); url_decode undoes
 * form and path encoding for the request parser.
 */
#ifndef URL_H
#define URL_H

#include <stddef.h>

struct arena;
struct buf;

/*
 * Append (s, len) percent-encoded as one path component or query value:
 * A-Za-z0-9 - . _ ~ are kept, every other byte becomes %XX (upper hex).
 */
void	 url_encode(struct buf *, const char *, size_t);
/*
 * Join a literal prefix and encoded components with "/", in the arena:
 * url_path(a, "/codes", "icd10cm", "K92.2", NULL) is "/codes/icd10cm/K92.2".
 * The first argument is copied as is (it is ours, not the request's); the
 * list ends with NULL.
 */
char	*url_path(struct arena *, const char *first, ...)
	    __attribute__((sentinel));
/*
 * Percent-decode s in place (*len bytes, s[*len] writable; a NUL is
 * written at the new end)
 * and store the new length in *len. With plus_is_space, '+' becomes ' '
 * (query strings and form bodies). Returns 0, or -1 on a bad escape ("%zz",
 * "%4" at the end), leaving s partly decoded. %00 decodes to a NUL byte:
 * callers validate the text afterwards.
 */
int	 url_decode(char *s, size_t *len, int plus_is_space);

#endif /* URL_H */
