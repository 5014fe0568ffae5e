/*
 * util: allocation that panics on failure, and the few macros every file
 * uses. An allocation failure is not an error to handle page by page: the
 * process logs and aborts, and the supervisor starts a fresh worker.
 */
#ifndef UTIL_H
#define UTIL_H

#include <stddef.h>

#define UNUSED		__attribute__((unused))
#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);

#endif /* UTIL_H */
