/*
 * tmpl: the page template engine (mustache-like, logic-less). Templates
 * are the .html files in www/templates, parsed once at start-up into node
 * arrays, and rendered into a buf from a tdict of values built in request
 * memory.
 *
 * Syntax: {{name}} a value (html_escape'd unless set with tdict_html);
 * {{#list}}...{{/list}} once per item of a list, the item's dict pushed on
 * the scope stack (names resolve innermost first, then outward; a
 * non-list value renders the body once if truthy); {{?flag}}...{{/flag}}
 * if truthy; {{^flag}}...{{/flag}} if falsy; {{>partial}} another
 * template by name (file name without .html); {{! comment}}. Names are
 * [a-z0-9_.]+ (partials may also use '-'), spaces around them are allowed.
 * Unknown names render empty. There is no raw-insert form. Truthy: a true
 * bool, a non-empty string, a non-zero int, a non-empty list, html with
 * len > 0. Whitespace is kept as is.
 */
#ifndef TMPL_H
#define TMPL_H

#include <stddef.h>

#include "html.h"

struct arena;
struct buf;
struct tmpl;
struct tdict;

/*
 * Parse every *.html in dir (not dot files), resolve partials, and make
 * them the loaded set (replacing any earlier set) for the process
 * lifetime. Returns 0, or -1 on any error, logged as "file:line: message"
 * (syntax, unknown partial, include cycle, unreadable file); then nothing
 * changes.
 */
int			 tmpl_load_dir(const char *dir);
/* Free the loaded set. */
void			 tmpl_free_all(void);
/* A loaded template by name ("code" for code.html), or NULL. */
const struct tmpl	*tmpl_get(const char *name);

/*
 * Dictionaries of values, in arena memory (freed with it). Keys are not
 * copied: pass literals or strings that outlive the render. Values are
 * copied. Setting a key again replaces its value. A NULL string is
 * present but falsy (it hides the same name in outer scopes).
 */
struct tdict		*tdict_new(struct arena *);
void			 tdict_str(struct tdict *, const char *key,
			    const char *val);
void			 tdict_strn(struct tdict *, const char *key,
			    const char *val, size_t len);
void			 tdict_int(struct tdict *, const char *key, long long);
void			 tdict_bool(struct tdict *, const char *key, int);
/* Trusted markup, inserted as is (not copied: it is arena memory). */
void			 tdict_html(struct tdict *, const char *key,
			    struct html);
/* Append a new item dict to the list listkey (made on first use). */
struct tdict		*tdict_push(struct tdict *, const char *listkey);
/* Make sure the list listkey exists (possibly empty). */
void			 tdict_list(struct tdict *, const char *listkey);

/*
 * Render t with values d (NULL: no values) appending to out. Returns 0, or
 * -1 (logged) when nesting is too deep or a partial is missing; out then
 * holds a partial rendering.
 */
int			 tmpl_render(struct buf *out, const struct tmpl *t,
			    const struct tdict *d);
/* tmpl_render(out, tmpl_get(name), d); -1 (logged) if name is not loaded. */
int			 tmpl_render_name(struct buf *out, const char *name,
			    const struct tdict *d);

/*
 * Parse a template from memory under name (tests, fuzzing). Partials are
 * looked up among the loaded templates when rendered. Returns a template
 * the caller frees with tmpl_free, or NULL with "name:line: message" in
 * errbuf. Nothing is logged.
 */
struct tmpl		*tmpl_parse(const char *name, const char *src,
			    size_t len, char *errbuf, size_t errsz);
void			 tmpl_free(struct tmpl *);

#endif /* TMPL_H */
