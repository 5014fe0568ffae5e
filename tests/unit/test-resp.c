/*
 * test-resp: the header block and error bodies built by resp_finish(),
 * redirects, and header injection.
 */
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "req.h"
#include "resp.h"
#include "route.h"
#include "serve.h"
#include "tap.h"

static struct spec	 spec;

static void
req_new(struct req *r, struct arena *a, const char *path)
{
	memset(r, 0, sizeof(*r));
	r->arena = a;
	r->spec = &spec;
	r->path = path;
	r->pathlen = strlen(path);
	buf_init(&r->body, 0);
}

static char *
finish(struct req *r, int status)
{
	struct buf	 head;
	char		*h;

	buf_init(&head, 0);
	resp_finish(r, status, &head);
	h = buf_detach(&head, NULL);
	buf_release(&head);
	return h;
}

int
main(void)
{
	struct arena	*a = arena_new();
	struct req	 r;
	char		*h, cl[64];

	req_new(&r, a, "/codes/x/y");
	buf_adds(&r.body, "<p>hello</p>");
	h = finish(&r, 200);
	ok(strncmp(h, "Status: 200 OK\r\n", 16) == 0, "status line");
	ok(strstr(h, "Content-Type: text/html; charset=utf-8\r\n") != NULL,
	    "html with charset by default");
	snprintf(cl, sizeof(cl), "Content-Length: %zu\r\n", r.body.len);
	ok(strstr(h, cl) != NULL, "content length");
	ok(strstr(h, "X-Content-Type-Options: nosniff\r\n") != NULL,
	    "nosniff");
	ok(strstr(h, "frame-ancestors 'none'") != NULL, "CSP");
	ok(strstr(h, "Referrer-Policy: ") != NULL, "referrer policy");
	ok(strlen(h) > 4 && strcmp(h + strlen(h) - 4, "\r\n\r\n") == 0,
	    "ends with a blank line");
	free(h);
	buf_release(&r.body);

	req_new(&r, a, "/codes/x/y");
	is_int(resp_fail(&r, 404, "no %s", "code"), 404, "resp_fail status");
	h = finish(&r, 404);
	ok(strstr(h, "Status: 404 Not Found") != NULL, "404 status");
	ok(strstr(r.body.data, "no code") != NULL,
	    "error body has the message (plain fallback without templates)");
	ok(strstr(h, "Cache-Control: no-cache") != NULL, "errors not cached");
	free(h);
	buf_release(&r.body);

	req_new(&r, a, "/api/codes/x/y");
	resp_fail(&r, 400, "q: at most 200 characters");
	h = finish(&r, 400);
	ok(strstr(h, "application/json") != NULL, "API errors are JSON");
	is_str(r.body.data,
	    "{\"error\":{\"status\":400,\"message\":\"q: at most 200 characters\"}}\n",
	    "API.md error shape");
	free(h);
	buf_release(&r.body);

	req_new(&r, a, "/x");
	is_int(resp_redirect(&r, 301, "/codes/icd10cm/K92.2"), 301,
	    "same-site redirect");
	h = finish(&r, 301);
	ok(strstr(h, "Location: /codes/icd10cm/K92.2\r\n") != NULL,
	    "Location header");
	ok(strstr(h, "\nContent-Type") == NULL, "no type on a redirect");
	free(h);
	buf_release(&r.body);

	req_new(&r, a, "/x");
	is_int(resp_redirect(&r, 302, "//evil.example/"), 500,
	    "protocol-relative redirect refused");
	is_int(resp_redirect(&r, 302, "https://evil.example/"), 500,
	    "absolute redirect refused");
	resp_header(&r, "X-Test", "a\r\nSet-Cookie: x=1");
	is_int(r.nhdrs, 0, "header with CR/LF dropped");
	buf_release(&r.body);

	req_new(&r, a, "/x");
	h = finish(&r, 999);
	ok(strstr(h, "Status: 500") != NULL, "a bogus status becomes 500");
	free(h);
	buf_release(&r.body);

	is_str(resp_reason(414), "URI Too Long", "reason phrase");
	arena_free(a);
	return done_testing();
}
