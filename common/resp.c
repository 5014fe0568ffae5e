/*
 * resp: response helpers and the header block. Standard headers are set
 * here and only here (kcgi-framework http_open): charset, nosniff, a CSP
 * with frame-ancestors 'none', Referrer-Policy, caching.
 */
#include <stdarg.h>
#include <string.h>

#include <json.h>

#include "arena.h"
#include "buf.h"
#include "jsonw.h"
#include "log.h"
#include "req.h"
#include "resp.h"
#include "route.h"
#include "serve.h"
#include "session.h"
#include "tmpl.h"

#define CSP	"default-src 'self'; img-src 'self' data:; " \
		"frame-ancestors 'none'; base-uri 'self'; form-action 'self'"

const char *
resp_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 301: return "Moved Permanently";
	case 302: return "Found";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Content Too Large";
	case 414: return "URI Too Long";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "Unknown";
	}
}

void
resp_header(struct req *r, const char *name, const char *value)
{
	if (r->nhdrs == REQ_MAX_HDRS || strpbrk(value, "\r\n") != NULL) {
		log_err("header %s dropped (too many, or CR/LF)", name);
		return;
	}
	r->hdrs[r->nhdrs].name = name;
	r->hdrs[r->nhdrs].value = value;
	r->nhdrs++;
}

int
resp_fail(struct req *r, int status, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	r->errmsg = arena_vprintf(r->arena, fmt, ap);
	va_end(ap);
	return status;
}

int
resp_redirect(struct req *r, int status, const char *location)
{
	/* Same-site paths only: "//host" would leave the site. */
	if (location[0] != '/' || location[1] == '/' || location[1] == '\\') {
		log_err("refused redirect to %s", location);
		return 500;
	}
	resp_header(r, "Location", location);
	buf_reset(&r->body);
	return status;
}

int
resp_tmpl(struct req *r, int status, const char *name, struct tdict *d)
{
	/* The account menu on every page, then the handler's values. */
	session_decorate(r, d);
	if (r->spec->decorate != NULL)
		r->spec->decorate(r, d);
	buf_reset(&r->body);
	if (tmpl_render_name(&r->body, name, d) == -1) {
		buf_reset(&r->body);
		return 500;
	}
	r->ctype = "text/html; charset=utf-8";
	return status;
}

int
resp_json(struct req *r, int status, struct json_object *o)
{
	buf_reset(&r->body);
	jsonw_out(&r->body, o);
	buf_addc(&r->body, '\n');
	r->ctype = "application/json; charset=utf-8";
	return status;
}

static int
is_json(const struct req *r)
{
	if (r->route != NULL)
		return (r->route->flags & ROUTE_JSON) != 0;
	return r->path != NULL && strncmp(r->path, "/api/", 5) == 0;
}

/* The standard error body, when a page returned an error and wrote none. */
static void
error_body(struct req *r, int status)
{
	struct tdict	*d;
	const char	*msg = r->errmsg;

	if (msg == NULL) {
		switch (status) {
		case 404: msg = "There is no page at this address."; break;
		case 405: msg = "This address does not take that method."; break;
		case 503: msg = "The database is not reachable just now. "
		    "Please try again in a moment."; break;
		case 500: msg = "Something went wrong on our side. "
		    "It has been logged."; break;
		default: msg = resp_reason(status); break;
		}
	}
	if (is_json(r)) {
		jsonw_error(&r->body, status, msg);
		buf_addc(&r->body, '\n');
		r->ctype = "application/json; charset=utf-8";
		return;
	}
	d = tdict_new(r->arena);
	tdict_int(d, "status", status);
	tdict_str(d, "reason", resp_reason(status));
	tdict_str(d, "message", msg);
	tdict_str(d, "title", resp_reason(status));
	if (resp_tmpl(r, status, "error", d) != status) {
		buf_reset(&r->body);
		buf_addf(&r->body, "%d %s\n\n%s\n", status, resp_reason(status),
		    msg);
		r->ctype = "text/plain; charset=utf-8";
	}
}

void
resp_finish(struct req *r, int status, struct buf *head)
{
	size_t	 i;

	if (status < 100 || status > 599) {
		log_err("page returned status %d", status);
		status = 500;
	}
	if (status >= 400 && r->body.len == 0)
		error_body(r, status);
	if (r->ctype == NULL)
		r->ctype = "text/html; charset=utf-8";
	buf_addf(head, "Status: %d %s\r\n", status, resp_reason(status));
	if (status != 301 && status != 302 && status != 303 && status != 204)
		buf_addf(head, "Content-Type: %s\r\n", r->ctype);
	buf_addf(head, "Content-Length: %zu\r\n", r->body.len);
	buf_adds(head, "X-Content-Type-Options: nosniff\r\n"
	    "X-Frame-Options: DENY\r\n"
	    "Referrer-Policy: strict-origin-when-cross-origin\r\n"
	    "Content-Security-Policy: " CSP "\r\n");
	if (r->route != NULL && (r->route->flags & ROUTE_NOCACHE))
		buf_adds(head, "Cache-Control: no-store\r\n");
	else if (status >= 400)
		buf_adds(head, "Cache-Control: no-cache\r\n");
	for (i = 0; i < r->nhdrs; i++)
		buf_addf(head, "%s: %s\r\n", r->hdrs[i].name, r->hdrs[i].value);
	buf_adds(head, "\r\n");
}
