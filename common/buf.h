/*
 * buf: a growable byte string (git strbuf). Invariants, after buf_init and
 * after every operation: data is never NULL, data[len] == '\0', len < cap.
 * Binary-safe: data may hold NUL bytes before len. Growth failure aborts.
 */
#ifndef BUF_H
#define BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

void	 buf_init(struct buf *, size_t hint);
void	 buf_release(struct buf *);	/* free data; buf must be re-inited */
void	 buf_reset(struct buf *);	/* len = 0, keeps the memory */
void	 buf_grow(struct buf *, size_t extra);
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_adds(struct buf *, const char *);
void	 buf_addc(struct buf *, int);
void	 buf_addf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vaddf(struct buf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
void	 buf_truncate(struct buf *, size_t len);
/* Hand the string to the caller (free() it); the buf is re-inited empty. */
char	*buf_detach(struct buf *, size_t *len);

#endif /* BUF_H */
