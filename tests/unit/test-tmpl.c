/*
 * test-tmpl: template parsing (every parse error with its line), loading a
 * directory (unknown partials, include cycles), and rendering: escaping,
 * trusted html, truthiness, nested list scopes, partials.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "html.h"
#include "log.h"
#include "tap.h"
#include "tmpl.h"

static struct arena	*a;
static struct buf	 out;
static char		 err[256];

/* Parse and render src with d; returns the output or "PARSE: msg". */
static const char *
r(const char *src, const struct tdict *d)
{
	struct tmpl	*t;

	buf_reset(&out);
	if ((t = tmpl_parse("t", src, strlen(src), err, sizeof(err))) ==
	    NULL) {
		buf_adds(&out, "PARSE: ");
		buf_adds(&out, err);
		return out.data;
	}
	if (tmpl_render(&out, t, d) == -1)
		buf_adds(&out, "<RENDER FAILED>");
	tmpl_free(t);
	return out.data;
}

/* Parse error message for src, or "" when it parses. */
static const char *
perr(const char *src)
{
	struct tmpl	*t;

	if ((t = tmpl_parse("t", src, strlen(src), err, sizeof(err))) !=
	    NULL) {
		tmpl_free(t);
		return "";
	}
	return err;
}

static char	 dir[64];

static void
put(const char *name, const char *text)
{
	char	 path[256];
	FILE	*f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL) {
		perror(path);
		exit(1);
	}
	fputs(text, f);
	fclose(f);
}

static void
rm(const char *name)
{
	char	 path[256];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	unlink(path);
}

static void
parse_errors(void)
{
	is_str(perr("plain"), "", "plain text parses");
	is_str(perr(""), "", "empty parses");
	is_str(perr("a { b } {c} }} }"), "", "lone braces are text");
	is_str(perr("{{a}}"), "", "var");
	is_str(perr("{{ a }}"), "", "spaces around names");
	is_str(perr("{{a.b_c9}}"), "", "dots, underscores, digits");
	is_str(perr("{{! anything {{ at all\n}}"), "", "comment");
	is_str(perr("{{#l}}{{?f}}{{^g}}{{/g}}{{/f}}{{/l}}"), "", "nesting");
	is_str(perr("{{>part-name}}"), "", "partial with hyphen");

	is_str(perr("x\n{{a"), "t:2: unclosed tag: {{ without }}",
	    "unclosed tag, line 2");
	is_str(perr("{{#list}}\n\nx"), "t:1: unclosed section {{#list}}",
	    "unclosed section");
	is_str(perr("a\n{{?f}}\n{{#l}}{{/l}}"), "t:2: unclosed section {{?f}}",
	    "unclosed flag");
	is_str(perr("{{#a}}\n{{#b}}\n{{/a}}{{/b}}"),
	    "t:3: {{/a}} does not close {{#b}} opened at line 2",
	    "mismatched close");
	is_str(perr("\n\n{{/a}}"), "t:3: {{/a}} closes no section",
	    "close without open");
	is_str(perr("{{#a}}{{/a}}{{/a}}"), "t:1: {{/a}} closes no section",
	    "close twice");
	ok(strstr(perr("{{}}"), "bad name") != NULL, "empty name");
	ok(strstr(perr("{{ }}"), "bad name") != NULL, "blank name");
	ok(strstr(perr("{{Name}}"), "bad name") != NULL, "upper case name");
	ok(strstr(perr("{{a-b}}"), "bad name") != NULL, "hyphen in var");
	ok(strstr(perr("{{a b}}"), "bad name") != NULL, "space in name");
	ok(strstr(perr("{{{raw}}}"), "bad name") != NULL, "no raw form");
	ok(strstr(perr("{{&raw}}"), "bad name") != NULL, "no & form");
	ok(strstr(perr("{{#}}{{/}}"), "bad section name") != NULL,
	    "empty section name");
	ok(strstr(perr("{{#a<b}}"), "bad section name") != NULL,
	    "bad section name");
	ok(strstr(perr("{{#a}}{{/A}}"), "bad name") != NULL, "bad close name");
	ok(strstr(perr("{{>}}"), "bad partial name") != NULL,
	    "empty partial");
	ok(strstr(perr("{{>../etc/passwd}}"), "bad partial name") != NULL,
	    "partial path");
	ok(strstr(perr("{{aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa}}"),
	    "bad name") != NULL, "65-character name");
	is_str(perr("{{aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa}}"),
	    "", "64-character name");
	ok(strstr(perr("{{\na}}"), "bad name") != NULL, "newline in name");
	{
		struct buf	 b;
		int		 i;

		buf_init(&b, 0);
		for (i = 0; i < 33; i++)
			buf_adds(&b, "{{#a}}");
		for (i = 0; i < 33; i++)
			buf_adds(&b, "{{/a}}");
		ok(strstr(perr(b.data), "nested more than") != NULL,
		    "33 levels too deep");
		buf_reset(&b);
		for (i = 0; i < 32; i++)
			buf_adds(&b, "{{#a}}");
		for (i = 0; i < 32; i++)
			buf_adds(&b, "{{/a}}");
		is_str(perr(b.data), "", "32 levels fine");
		buf_release(&b);
	}
	ok(tmpl_parse("t", "{{a", 3, err, 0) == NULL, "errsz 0 is fine");
	{
		char	 small[8];

		ok(tmpl_parse("t", "{{a", 3, small, sizeof(small)) == NULL &&
		    strlen(small) == 7, "message truncated to errbuf");
	}
	{
		struct tmpl	*t;
		const char	 src[] = "a\0{{b}}\0c";

		t = tmpl_parse("t", src, sizeof(src) - 1, err, sizeof(err));
		ok(t != NULL, "NUL bytes in text parse");
		buf_reset(&out);
		tmpl_render(&out, t, NULL);
		is_int(out.len, 4, "NUL bytes kept in output");
		tmpl_free(t);
	}
}

static void
rendering(void)
{
	struct tdict	*d, *it, *sub;
	struct buf	 hb;

	d = tdict_new(a);
	tdict_str(d, "name", "<b>Tom & \"Jerry\"</b> 'x'");
	tdict_str(d, "empty", "");
	tdict_str(d, "null", NULL);
	tdict_int(d, "n", 42);
	tdict_int(d, "zero", 0);
	tdict_int(d, "neg", -7);
	tdict_bool(d, "yes", 1);
	tdict_bool(d, "no", 0);
	tdict_strn(d, "cut", "abcdef", 3);
	tdict_html(d, "raw", html_text(a, "<i>"));
	buf_init(&hb, 0);
	buf_adds(&hb, "<em>ok</em>");
	tdict_html(d, "markup", html_buf(a, &hb));
	buf_release(&hb);
	tdict_html(d, "nohtml", html_text(a, ""));
	tdict_list(d, "none");

	is_str(r("Hello {{name}}!", d),
	    "Hello &lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt; &#39;x&#39;!",
	    "value escaped");
	is_str(r("[{{missing}}]", d), "[]", "unknown renders empty");
	is_str(r("[{{null}}][{{empty}}]", d), "[][]", "NULL and empty");
	is_str(r("{{n}} {{zero}} {{neg}}", d), "42 0 -7", "ints");
	is_str(r("{{yes}} {{no}}", d), "true false", "bools");
	is_str(r("{{cut}}", d), "abc", "strn");
	is_str(r("{{raw}}", d), "&lt;i&gt;", "html_text is escaped once");
	is_str(r("{{markup}}", d), "<em>ok</em>", "trusted html as is");
	is_str(r("{{ n }}", d), "42", "spaces in tag");
	is_str(r("a{{! note }}b", d), "ab", "comment dropped");
	is_str(r("  {{n}}\n\t", d), "  42\n\t", "whitespace kept");
	is_str(r("{{n}}", NULL), "", "NULL dict");

	/* Truthiness. */
	is_str(r("{{?name}}T{{/name}}{{^name}}F{{/name}}", d), "T", "str");
	is_str(r("{{?empty}}T{{/empty}}{{^empty}}F{{/empty}}", d), "F",
	    "empty str");
	is_str(r("{{?null}}T{{/null}}{{^null}}F{{/null}}", d), "F", "NULL");
	is_str(r("{{?missing}}T{{/missing}}{{^missing}}F{{/missing}}", d),
	    "F", "missing");
	is_str(r("{{?n}}T{{/n}}{{^n}}F{{/n}}", d), "T", "int");
	is_str(r("{{?neg}}T{{/neg}}", d), "T", "negative int");
	is_str(r("{{?zero}}T{{/zero}}{{^zero}}F{{/zero}}", d), "F", "zero");
	is_str(r("{{?yes}}T{{/yes}}{{^yes}}F{{/yes}}", d), "T", "true");
	is_str(r("{{?no}}T{{/no}}{{^no}}F{{/no}}", d), "F", "false");
	is_str(r("{{?markup}}T{{/markup}}", d), "T", "html");
	is_str(r("{{?nohtml}}T{{/nohtml}}{{^nohtml}}F{{/nohtml}}", d), "F",
	    "empty html");
	is_str(r("{{?none}}T{{/none}}{{^none}}F{{/none}}", d), "F",
	    "empty list");
	is_str(r("{{#none}}X{{/none}}", d), "", "empty list loop");
	is_str(r("{{#n}}[{{n}}]{{/n}}{{#zero}}Z{{/zero}}", d), "[42]",
	    "# on a scalar acts as ?");

	/* Lists and scopes. */
	it = tdict_push(d, "rows");
	tdict_str(it, "code", "K92.2");
	tdict_str(it, "name", "inner <1>");
	sub = tdict_push(it, "kids");
	tdict_str(sub, "code", "K92.20");
	sub = tdict_push(it, "kids");
	tdict_str(sub, "code", "K92.21");
	tdict_str(sub, "name", NULL);
	it = tdict_push(d, "rows");
	tdict_str(it, "code", "E11");
	tdict_list(it, "kids");
	is_str(r("{{?rows}}yes{{/rows}}", d), "yes", "non-empty list");
	is_str(r("{{#rows}}<{{code}}:{{name}}:{{n}}>{{/rows}}", d),
	    "<K92.2:inner &lt;1&gt;:42><E11:&lt;b&gt;Tom &amp; &quot;Jerry&quot;"
	    "&lt;/b&gt; &#39;x&#39;:42>",
	    "item scope first, then outer");
	is_str(r("{{#rows}}{{code}}({{#kids}}{{code}}/{{name}};{{/kids}}){{/rows}}",
	    d), "K92.2(K92.20/inner &lt;1&gt;;K92.21/;)E11()",
	    "nested lists; NULL hides outer name");
	is_str(r("{{#rows}}{{^kids}}leaf {{code}}{{/kids}}{{/rows}}", d),
	    "leaf E11", "^ on an empty inner list");
	is_str(r("{{#rows}}{{#rows}}x{{/rows}}{{/rows}}", d), "xxxx",
	    "same list name nested resolves outward");

	/* Keys replaced, order kept. */
	tdict_str(d, "n", "now text");
	is_str(r("{{n}}", d), "now text", "set again replaces");
	tdict_int(d, "rows", 1);
	is_str(r("{{#rows}}[{{code}}]{{/rows}}", d), "[]",
	    "replaced list is a scalar");
	it = tdict_push(d, "rows");
	tdict_str(it, "code", "again");
	is_str(r("{{#rows}}[{{code}}]{{/rows}}", d), "[again]",
	    "push onto a scalar makes a list");
}

static void
many_keys(void)
{
	struct tdict	*d = tdict_new(a), *it;
	char		*k;
	int		 i;

	for (i = 0; i < 100; i++) {
		k = arena_printf(a, "k%d", i);
		tdict_int(d, k, i);
	}
	is_str(r("{{k0}} {{k16}} {{k17}} {{k99}}", d), "0 16 17 99",
	    "dict grows past its first block");
	for (i = 0; i < 300; i++) {
		it = tdict_push(d, "l");
		tdict_int(it, "i", i);
	}
	r("{{#l}}{{i}},{{/l}}", d);
	ok(strncmp(out.data, "0,1,2,", 6) == 0 &&
	    strcmp(out.data + out.len - 4, "299,") == 0, "300 list items");
}

static void
loading(void)
{
	struct tdict	*d;
	const struct tmpl *t;

	snprintf(dir, sizeof(dir), "/tmp/test-tmpl.XXXXXX");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		exit(1);
	}
	put("page.html",
	    "<h1>{{title}}</h1>{{>nav}}{{#items}}{{>item}}{{/items}}");
	put("nav.html", "<nav>{{title}}</nav>");
	put("item.html", "<li>{{name}}</li>");
	put("notes.txt", "{{not a template");
	put(".hidden.html", "{{#broken");
	is_int(tmpl_load_dir(dir), 0, "load dir");
	ok(tmpl_get("page") != NULL, "page loaded");
	ok(tmpl_get("nav") != NULL, "nav loaded");
	ok(tmpl_get("notes") == NULL, "non-.html skipped");
	ok(tmpl_get(".hidden") == NULL, "dot files skipped");
	ok(tmpl_get("nope") == NULL, "unknown is NULL");
	ok(tmpl_get(NULL) == NULL, "NULL name");
	d = tdict_new(a);
	tdict_str(d, "title", "A&B");
	tdict_str(tdict_push(d, "items"), "name", "one");
	tdict_str(tdict_push(d, "items"), "name", "<two>");
	buf_reset(&out);
	is_int(tmpl_render_name(&out, "page", d), 0, "render by name");
	is_str(out.data, "<h1>A&amp;B</h1><nav>A&amp;B</nav><li>one</li>"
	    "<li>&lt;two&gt;</li>", "partials render in the current scope");
	buf_reset(&out);
	is_int(tmpl_render_name(&out, "nope", d), -1, "render unknown name");
	is_int(tmpl_render(&out, NULL, d), -1, "render NULL template");
	is_str(r("[{{>nav}}]", d), "[<nav>A&amp;B</nav>]",
	    "parsed template finds loaded partials");
	is_str(r("[{{>missing}}]", d), "[<RENDER FAILED>",
	    "missing partial fails the render");

	/* Errors leave the loaded set alone. */
	t = tmpl_get("page");
	put("bad.html", "line one\n{{#open}}\n");
	is_int(tmpl_load_dir(dir), -1, "parse error fails the load");
	ok(tmpl_get("page") == t, "old set kept after a failed load");
	rm("bad.html");
	put("bad.html", "{{>ghost}}");
	is_int(tmpl_load_dir(dir), -1, "unknown partial fails the load");
	put("bad.html", "{{>bad}}");
	is_int(tmpl_load_dir(dir), -1, "self include is a cycle");
	rm("bad.html");
	put("a.html", "A{{>b}}");
	put("b.html", "B{{>c}}");
	put("c.html", "C{{?x}}{{>a}}{{/x}}");
	is_int(tmpl_load_dir(dir), -1, "a > b > c > a cycle");
	put("c.html", "C");
	is_int(tmpl_load_dir(dir), 0, "chain without a cycle loads");
	ok(tmpl_get("c") != NULL && tmpl_get("page") != NULL,
	    "reload has the new set");
	is_int(tmpl_render_name(&out, "a", NULL), 0, "render chain");
	buf_reset(&out);
	tmpl_render_name(&out, "a", NULL);
	is_str(out.data, "ABC", "chain output");
	put("d.html", "{{>c}}{{>c}}");
	is_int(tmpl_load_dir(dir), 0, "diamond (shared partial) is no cycle");
	is_int(tmpl_load_dir("/nonexistent/dir"), -1, "missing dir");
	ok(tmpl_get("a") != NULL, "still loaded after missing dir");
	tmpl_free_all();
	ok(tmpl_get("a") == NULL, "free_all");
	tmpl_free_all();
	ok(1, "free_all twice");

	rm("page.html");
	rm("nav.html");
	rm("item.html");
	rm("notes.txt");
	rm(".hidden.html");
	rm("a.html");
	rm("b.html");
	rm("c.html");
	rm("d.html");
	rmdir(dir);
}

int
main(void)
{
	/* The load tests log their errors on purpose; keep TAP readable. */
	log_open("test-tmpl", LOG_LVL__MAX);
	a = arena_new();
	buf_init(&out, 0);
	parse_errors();
	rendering();
	many_keys();
	loading();
	buf_release(&out);
	arena_free(a);
	return done_testing();
}
