/*
 * req: one request, from the FastCGI parameters to the buffered response.
 * Pages see only validated data: declared fields (r->field), path
 * parameters (r->param) and cookies, all in request (arena) memory. The
 * parsers here are pure functions so they are unit-tested and fuzzed.
 */
#ifndef REQ_H
#define REQ_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "valid.h"

struct arena;
struct spec;
struct route;
struct user;

enum method {
	METHOD_GET,
	METHOD_HEAD,
	METHOD_POST,
	METHOD_PUT,
	METHOD_DELETE,
	METHOD_PATCH,
	METHOD_OPTIONS,
	METHOD__MAX
};

/* Limits enforced before parsing (bytes). */
#define REQ_MAX_PATH	512	/* decoded path: longer is 414 */
#define REQ_MAX_QUERY	8192	/* raw query string: longer is 414 */
#define REQ_MAX_COOKIE	8192	/* Cookie header: longer is 400 */
#define REQ_MAX_FIELD	1024	/* default per-field maximum */
#define REQ_MAX_PARAMS	8	/* path parameters per route */
#define REQ_MAX_HDRS	16	/* extra response headers */

enum field_flags {
	FIELD_MULTILINE = 1 << 0,	/* CR/LF allowed (textarea) */
	FIELD_SECRET = 1 << 1,		/* never logged, never re-displayed */
};

/* A declared field: kcgi struct kvalid. max 0 means REQ_MAX_FIELD. */
struct field {
	const char	*name;
	valid_fn	 valid;		/* NULL: valid_text */
	size_t		 max;
	unsigned	 flags;
};

struct cookie {
	const char	*name;
	const char	*value;
	size_t		 valuelen;
};

struct hdr {
	const char	*name;
	const char	*value;
};

struct req {
	struct arena		*arena;
	const struct spec	*spec;
	void			*fcgx;		/* FCGX_Request *, serve.c only */

	enum method		 method;
	const char		*path;		/* decoded, valid UTF-8 */
	size_t			 pathlen;
	const char		*remote_addr;
	int			 https;
	const struct route	*route;

	/* Fields: valid ones in field[i], invalid ones keep their text in
	 * bad[i] with the message in field_err[i] (for forms). */
	struct fval		**field;
	struct fval		**bad;
	const char		**field_err;
	struct fval		 param[REQ_MAX_PARAMS];
	size_t			 nparam;
	struct cookie		*cookies;
	size_t			 ncookies;

	/* Session (common/session.c): the logged-in user or NULL for a
	 * guest; the session's CSRF token and the hash of its cookie token
	 * (32 bytes), NULL for guests. */
	const struct user	*user;
	const char		*session_csrf;
	const unsigned char	*session_hash;
	/* The "csrf" form field, whatever the handler's field table says
	 * (common/csrf.c checks it); NULL when absent. */
	const char		*csrf_form;
	size_t			 csrf_formlen;
	const char		*csrf_made;	/* guest token set this request */

	/* Response, written by pages. */
	struct buf		 body;
	const char		*ctype;
	struct hdr		 hdrs[REQ_MAX_HDRS];
	size_t			 nhdrs;
	const char		*errmsg;	/* for the standard error page */
	int			 dbstatus;	/* 503 when the database is down */
};

/* Parsers: call cb for each pair, percent-decoded (keys and values are
 * arena copies, NUL-terminated). Return 0, or -1 on bad encoding or when
 * cb returns -1. The query/form parser splits on '&', maps '+' to space. */
typedef int (*pair_cb)(void *arg, const char *k, size_t klen,
    const char *v, size_t vlen);
int	 req_parse_urlenc(struct arena *, const char *, size_t, pair_cb,
	    void *);
/* Cookie header: "a=b; c=d"; values are not decoded; names must be
 * tokens. Malformed pairs are skipped, as browsers do. */
int	 req_parse_cookies(struct arena *, const char *, size_t, pair_cb,
	    void *);
/* Decode and check a request path: percent-decoding, valid UTF-8, no
 * control bytes, no "..", length limit. Returns 0 or an HTTP status. */
int	 req_parse_path(struct arena *, const char *uri, size_t len,
	    const char **path, size_t *pathlen);
enum method req_method(const char *);	/* METHOD__MAX if unknown */
const char *req_method_name(enum method);

/* Apply the field table to a decoded pair (used by the parsers' cb). */
int	 req_field_set(struct req *, const char *k, size_t klen,
	    const char *v, size_t vlen);
/* Look up a cookie; NULL if absent. */
const struct cookie *req_cookie(const struct req *, const char *);
/* A field's text for re-displaying a form: the valid value, else what was
 * typed; NULL if neither. Never returns a FIELD_SECRET field. */
const char *req_field_text(const struct req *, int field);

#endif /* REQ_H */
