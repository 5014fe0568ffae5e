/*
 * fuzz-template: the template parser and renderer on arbitrary bytes. A
 * template that parses is rendered against a small fixed dict with a list,
 * so sections, scopes and escaping all run.
 */
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "html.h"
#include "log.h"
#include "tmpl.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	*a;
	struct tdict	*d, *it;
	struct tmpl	*t;
	struct buf	 out;
	char		 err[256];

	/* A missing partial is logged per input; keep the output quiet. */
	log_open("fuzz-template", LOG_LVL__MAX);
	t = tmpl_parse("fuzz", (const char *)data, size, err, sizeof(err));
	if (t == NULL)
		return 0;
	a = arena_new();
	d = tdict_new(a);
	tdict_str(d, "title", "<K92.2> & 'x'");
	tdict_int(d, "n", 3);
	tdict_bool(d, "flag", 1);
	tdict_html(d, "html", html_text(a, "<b>"));
	it = tdict_push(d, "items");
	tdict_str(it, "code", "E11.9");
	tdict_push(it, "items");
	it = tdict_push(d, "items");
	tdict_str(it, "title", NULL);
	tdict_list(d, "empty");
	buf_init(&out, 0);
	(void)tmpl_render(&out, t, d);
	buf_release(&out);
	tmpl_free(t);
	arena_free(a);
	return 0;
}
