/*
 * resp: building the response. Pages write the body into r->body and
 * return a status; resp_finish() (serve.c) adds the standard headers, an
 * error page when a 4xx/5xx body is empty, and Content-Length.
 */
#ifndef RESP_H
#define RESP_H

struct req;
struct tdict;
struct json_object;

/* Add a response header (name and value must outlive the request). */
void	 resp_header(struct req *, const char *name, const char *value);
/* Set the message shown on the standard error page; returns status. */
int	 resp_fail(struct req *, int status, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Redirect to a same-site path (must start with '/'); returns status. */
int	 resp_redirect(struct req *, int status, const char *location);
/* Render template name into r->body as text/html; the handler's
 * decorate hook adds site-wide values first. Returns status, or 500 when
 * the template fails. */
int	 resp_tmpl(struct req *, int status, const char *name, struct tdict *);
/* Serialise obj into r->body as application/json; returns status. */
int	 resp_json(struct req *, int status, struct json_object *);
/* The reason phrase of a status ("Not Found"). */
const char *resp_reason(int status);
/* Build the header block and the error body if needed: for serve.c. */
void	 resp_finish(struct req *, int status, struct buf *head);

#endif /* RESP_H */
