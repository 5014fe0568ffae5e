/*
 * tmpl: template parsing and rendering; see tmpl.h. A template compiles to
 * a flat node array; a section node records where its body ends, so
 * rendering is a walk over the array with no parsing. Names carry a hash
 * computed at parse (and dict-set) time, so lookups mostly compare ints.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "hash.h"
#include "html.h"
#include "log.h"
#include "tmpl.h"
#include "util.h"

#define NAME_MAX_LEN	64		/* longest {{name}} */
#define NEST_MAX	32		/* sections open at once */
#define SCOPE_MAX	64		/* list items pushed while rendering */
#define PARTIAL_MAX	16		/* {{>partial}} nesting */
#define FILE_MAX	(1024 * 1024)	/* largest template file */

enum node_type {
	N_TEXT,		/* literal text */
	N_VAR,		/* {{name}} */
	N_SECTION,	/* {{#name}} */
	N_IF,		/* {{?name}} */
	N_IFNOT,	/* {{^name}} */
	N_PARTIAL	/* {{>name}} */
};

struct node {
	enum node_type		 type;
	unsigned		 line;
	const char		*s;	/* text or name, in tmpl->src */
	size_t			 len;
	uint32_t		 hash;	/* of the name */
	size_t			 end;	/* sections: first node after body */
	const struct tmpl	*partial;	/* resolved at load */
};

struct tmpl {
	char		*name;
	char		*file;		/* for messages */
	char		*src;		/* nodes point into this copy */
	struct node	*nodes;
	size_t		 n, cap;
	struct tmpl	*next;		/* the loaded set */
	int		 mark;		/* cycle check colour */
};

enum tval_type {
	TV_NONE,
	TV_STR,
	TV_INT,
	TV_BOOL,
	TV_HTML,
	TV_LIST
};

struct tlist {
	struct tdict	**items;
	size_t		  n, cap;
};

struct tval {
	const char	*key;
	size_t		 keylen;
	uint32_t	 hash;
	enum tval_type	 type;
	union {
		struct {
			const char	*s;
			size_t		 len;
		} str;
		long long	 i;
		struct html	 h;
		struct tlist	*list;
	} u;
};

struct tdict {
	struct arena	*a;
	struct tval	*v;
	size_t		 n, cap;
};

struct rctx {
	struct buf		*out;
	const struct tdict	*scope[SCOPE_MAX];
	size_t			 depth;
	int			 partials;
};

static struct tmpl	*loaded;

/* Parsing. */

struct pstate {
	struct tmpl	*t;
	char		*errbuf;
	size_t		 errsz;
};

static int perr(struct pstate *, unsigned, const char *, ...)
    __attribute__((format(printf, 3, 4)));

/* Format "file:line: message"; truncation only shortens a message. */
static int
perr(struct pstate *ps, unsigned line, const char *fmt, ...)
{
	char	 msg[256];
	va_list	 ap;

	va_start(ap, fmt);
	(void)vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (ps->errsz > 0)
		(void)snprintf(ps->errbuf, ps->errsz, "%s:%u: %s",
		    ps->t->file, line, msg);
	return -1;
}

static struct node *
node_add(struct tmpl *t, enum node_type type, unsigned line, const char *s,
    size_t len)
{
	struct node	*n;

	if (t->n == t->cap) {
		t->cap = t->cap == 0 ? 16 : t->cap * 2;
		t->nodes = xrealloc(t->nodes, t->cap * sizeof(*t->nodes));
	}
	n = &t->nodes[t->n++];
	memset(n, 0, sizeof(*n));
	n->type = type;
	n->line = line;
	n->s = s;
	n->len = len;
	if (type != N_TEXT)
		n->hash = hash_bytes(s, len);
	return n;
}

static unsigned
count_lines(const char *s, size_t len)
{
	unsigned	 n = 0;
	const char	*p, *end = s + len;

	while ((p = memchr(s, '\n', (size_t)(end - s))) != NULL) {
		n++;
		s = p + 1;
	}
	return n;
}

/* Trim spaces and tabs, then check the name's characters. */
static int
tag_name(const char *s, size_t len, int partial, const char **name,
    size_t *nlen)
{
	size_t	 i;
	char	 c;

	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len == 0 || len > NAME_MAX_LEN)
		return -1;
	for (i = 0; i < len; i++) {
		c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '_' || c == '.' || (partial && c == '-')))
			return -1;
	}
	*name = s;
	*nlen = len;
	return 0;
}

static char
sigil_of(enum node_type type)
{
	return type == N_SECTION ? '#' : type == N_IF ? '?' : '^';
}

static int
parse_body(struct pstate *ps, size_t len)
{
	struct tmpl	*t = ps->t;
	const char	*src = t->src, *open, *close, *tag, *name;
	size_t		 pos = 0, taglen, nlen, stack[NEST_MAX], depth = 0, top;
	unsigned	 line = 1;
	struct node	*n;
	char		 sigil;

	while (pos < len) {
		open = memmem(src + pos, len - pos, "{{", 2);
		if (open == NULL) {
			node_add(t, N_TEXT, line, src + pos, len - pos);
			break;
		}
		if (open > src + pos) {
			node_add(t, N_TEXT, line, src + pos,
			    (size_t)(open - (src + pos)));
			line += count_lines(src + pos,
			    (size_t)(open - (src + pos)));
		}
		tag = open + 2;
		close = memmem(tag, len - (size_t)(tag - src), "}}", 2);
		if (close == NULL)
			return perr(ps, line, "unclosed tag: {{ without }}");
		taglen = (size_t)(close - tag);
		sigil = taglen > 0 ? tag[0] : '\0';
		switch (sigil) {
		case '!':
			break;
		case '#':
		case '?':
		case '^':
			if (tag_name(tag + 1, taglen - 1, 0, &name,
			    &nlen) == -1)
				return perr(ps, line, "bad section name in "
				    "{{%c...}}: names are [a-z0-9_.]+", sigil);
			if (depth == NEST_MAX)
				return perr(ps, line, "sections nested more "
				    "than %d deep", NEST_MAX);
			stack[depth++] = t->n;
			node_add(t, sigil == '#' ? N_SECTION : sigil == '?' ?
			    N_IF : N_IFNOT, line, name, nlen);
			break;
		case '/':
			if (tag_name(tag + 1, taglen - 1, 0, &name,
			    &nlen) == -1)
				return perr(ps, line, "bad name in {{/...}}: "
				    "names are [a-z0-9_.]+");
			if (depth == 0)
				return perr(ps, line, "{{/%.*s}} closes no "
				    "section", (int)nlen, name);
			top = stack[depth - 1];
			n = &t->nodes[top];
			if (n->len != nlen || memcmp(n->s, name, nlen) != 0)
				return perr(ps, line, "{{/%.*s}} does not "
				    "close {{%c%.*s}} opened at line %u",
				    (int)nlen, name, sigil_of(n->type),
				    (int)n->len, n->s, n->line);
			n->end = t->n;
			depth--;
			break;
		case '>':
			if (tag_name(tag + 1, taglen - 1, 1, &name,
			    &nlen) == -1)
				return perr(ps, line, "bad partial name in "
				    "{{>...}}: names are [a-z0-9_.-]+");
			node_add(t, N_PARTIAL, line, name, nlen);
			break;
		default:
			if (tag_name(tag, taglen, 0, &name, &nlen) == -1)
				return perr(ps, line, "bad name in {{...}}: "
				    "names are [a-z0-9_.]+ (no raw form)");
			node_add(t, N_VAR, line, name, nlen);
			break;
		}
		line += count_lines(tag, taglen);
		pos = (size_t)(close + 2 - src);
	}
	if (depth > 0) {
		n = &t->nodes[stack[depth - 1]];
		return perr(ps, n->line, "unclosed section {{%c%.*s}}",
		    sigil_of(n->type), (int)n->len, n->s);
	}
	return 0;
}

static struct tmpl *
parse(const char *name, const char *file, const char *src, size_t len,
    char *errbuf, size_t errsz)
{
	struct pstate	 ps;
	struct tmpl	*t;

	t = xcalloc(1, sizeof(*t));
	t->name = xstrdup(name);
	t->file = xstrdup(file);
	t->src = xmalloc(len + 1);
	memcpy(t->src, src, len);
	t->src[len] = '\0';
	ps.t = t;
	ps.errbuf = errbuf;
	ps.errsz = errsz;
	if (errsz > 0)
		errbuf[0] = '\0';
	if (parse_body(&ps, len) == -1) {
		tmpl_free(t);
		return NULL;
	}
	return t;
}

struct tmpl *
tmpl_parse(const char *name, const char *src, size_t len, char *errbuf,
    size_t errsz)
{
	return parse(name, name, src, len, errbuf, errsz);
}

void
tmpl_free(struct tmpl *t)
{
	if (t == NULL)
		return;
	free(t->name);
	free(t->file);
	free(t->src);
	free(t->nodes);
	free(t);
}

/* Loading. */

static void
free_list(struct tmpl *t)
{
	struct tmpl	*next;

	for (; t != NULL; t = next) {
		next = t->next;
		tmpl_free(t);
	}
}

static const struct tmpl *
find(const struct tmpl *list, const char *name, size_t len)
{
	for (; list != NULL; list = list->next)
		if (strlen(list->name) == len &&
		    memcmp(list->name, name, len) == 0)
			return list;
	return NULL;
}

static int
read_file(const char *path, char **data, size_t *len)
{
	FILE	*f;
	char	*p;
	size_t	 n;

	if ((f = fopen(path, "r")) == NULL) {
		log_err("%s: %s", path, strerror(errno));
		return -1;
	}
	p = xmalloc(FILE_MAX + 1);
	n = fread(p, 1, FILE_MAX + 1, f);
	if (ferror(f)) {
		log_err("%s: read: %s", path, strerror(errno));
		goto fail;
	}
	if (n > FILE_MAX) {
		log_err("%s: larger than %d bytes", path, FILE_MAX);
		goto fail;
	}
	fclose(f);
	*data = p;
	*len = n;
	return 0;
fail:
	free(p);
	fclose(f);
	return -1;
}

/* Depth-first walk over the partial graph; grey = on the current path. */
static int
check_cycles(struct tmpl *t)
{
	struct node	*n;
	size_t		 i;

	t->mark = 1;
	for (i = 0; i < t->n; i++) {
		n = &t->nodes[i];
		if (n->type != N_PARTIAL)
			continue;
		if (n->partial->mark == 1) {
			log_err("%s:%u: include cycle: {{>%.*s}} includes "
			    "itself", t->file, n->line, (int)n->len, n->s);
			return -1;
		}
		if (n->partial->mark == 0 &&
		    check_cycles((struct tmpl *)n->partial) == -1)
			return -1;
	}
	t->mark = 2;
	return 0;
}

int
tmpl_load_dir(const char *dir)
{
	DIR		*d;
	struct dirent	*de;
	struct tmpl	*list = NULL, *t;
	char		 path[4096], name[256], errbuf[512], *data;
	size_t		 nlen, len, i;
	int		 n, rc = -1;

	if ((d = opendir(dir)) == NULL) {
		log_err("%s: %s", dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		nlen = strlen(de->d_name);
		if (de->d_name[0] == '.' || nlen <= 5 ||
		    strcmp(de->d_name + nlen - 5, ".html") != 0)
			continue;
		n = snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (n < 0 || (size_t)n >= sizeof(path) ||
		    nlen - 5 >= sizeof(name)) {
			log_err("%s/%s: path too long", dir, de->d_name);
			goto out;
		}
		memcpy(name, de->d_name, nlen - 5);
		name[nlen - 5] = '\0';
		if (read_file(path, &data, &len) == -1)
			goto out;
		t = parse(name, path, data, len, errbuf, sizeof(errbuf));
		free(data);
		if (t == NULL) {
			log_err("%s", errbuf);
			goto out;
		}
		t->next = list;
		list = t;
	}
	for (t = list; t != NULL; t = t->next)
		for (i = 0; i < t->n; i++) {
			if (t->nodes[i].type != N_PARTIAL)
				continue;
			t->nodes[i].partial = find(list, t->nodes[i].s,
			    t->nodes[i].len);
			if (t->nodes[i].partial == NULL) {
				log_err("%s:%u: unknown partial {{>%.*s}}",
				    t->file, t->nodes[i].line,
				    (int)t->nodes[i].len, t->nodes[i].s);
				goto out;
			}
		}
	for (t = list; t != NULL; t = t->next)
		if (t->mark == 0 && check_cycles(t) == -1)
			goto out;
	free_list(loaded);
	loaded = list;
	list = NULL;
	rc = 0;
out:
	closedir(d);
	free_list(list);
	return rc;
}

void
tmpl_free_all(void)
{
	free_list(loaded);
	loaded = NULL;
}

const struct tmpl *
tmpl_get(const char *name)
{
	if (name == NULL)
		return NULL;
	return find(loaded, name, strlen(name));
}

/* Dictionaries. */

struct tdict *
tdict_new(struct arena *a)
{
	struct tdict	*d;

	d = arena_calloc(a, 1, sizeof(*d));
	d->a = a;
	return d;
}

static struct tval *
tdict_slot(struct tdict *d, const char *key)
{
	struct tval	*v;
	size_t		 len = strlen(key), i;
	uint32_t	 h = hash_bytes(key, len);

	for (i = 0; i < d->n; i++) {
		v = &d->v[i];
		if (v->hash == h && v->keylen == len &&
		    memcmp(v->key, key, len) == 0)
			return v;
	}
	if (d->n == d->cap) {
		d->cap = d->cap == 0 ? 16 : d->cap * 2;
		v = arena_alloc(d->a, d->cap * sizeof(*v));
		if (d->n > 0)
			memcpy(v, d->v, d->n * sizeof(*v));
		d->v = v;
	}
	v = &d->v[d->n++];
	v->key = key;
	v->keylen = len;
	v->hash = h;
	v->type = TV_NONE;
	return v;
}

void
tdict_strn(struct tdict *d, const char *key, const char *val, size_t len)
{
	struct tval	*v = tdict_slot(d, key);

	if (val == NULL) {
		v->type = TV_NONE;
		return;
	}
	v->type = TV_STR;
	v->u.str.s = arena_strndup(d->a, val, len);
	v->u.str.len = len;
}

void
tdict_str(struct tdict *d, const char *key, const char *val)
{
	tdict_strn(d, key, val, val == NULL ? 0 : strlen(val));
}

void
tdict_int(struct tdict *d, const char *key, long long i)
{
	struct tval	*v = tdict_slot(d, key);

	v->type = TV_INT;
	v->u.i = i;
}

void
tdict_bool(struct tdict *d, const char *key, int b)
{
	struct tval	*v = tdict_slot(d, key);

	v->type = TV_BOOL;
	v->u.i = b != 0;
}

void
tdict_html(struct tdict *d, const char *key, struct html h)
{
	struct tval	*v = tdict_slot(d, key);

	v->type = TV_HTML;
	v->u.h = h;
	if (v->u.h.p == NULL) {
		v->u.h.p = "";
		v->u.h.len = 0;
	}
}

static struct tlist *
list_get(struct tdict *d, const char *key)
{
	struct tval	*v = tdict_slot(d, key);

	if (v->type != TV_LIST) {
		v->type = TV_LIST;
		v->u.list = arena_calloc(d->a, 1, sizeof(*v->u.list));
	}
	return v->u.list;
}

void
tdict_list(struct tdict *d, const char *key)
{
	(void)list_get(d, key);
}

struct tdict *
tdict_push(struct tdict *d, const char *key)
{
	struct tlist	*l = list_get(d, key);
	struct tdict	**items, *item;

	if (l->n == l->cap) {
		l->cap = l->cap == 0 ? 8 : l->cap * 2;
		items = arena_alloc(d->a, l->cap * sizeof(*items));
		if (l->n > 0)
			memcpy(items, l->items, l->n * sizeof(*items));
		l->items = items;
	}
	item = tdict_new(d->a);
	l->items[l->n++] = item;
	return item;
}

/* Rendering. */

static const struct tval *
lookup(const struct rctx *c, const struct node *n)
{
	const struct tdict	*d;
	const struct tval	*v;
	size_t			 i, j;

	for (i = c->depth; i > 0; i--) {
		d = c->scope[i - 1];
		for (j = 0; j < d->n; j++) {
			v = &d->v[j];
			if (v->hash == n->hash && v->keylen == n->len &&
			    memcmp(v->key, n->s, n->len) == 0)
				return v;
		}
	}
	return NULL;
}

static int
truthy(const struct tval *v)
{
	if (v == NULL)
		return 0;
	switch (v->type) {
	case TV_STR:
		return v->u.str.len > 0;
	case TV_INT:
	case TV_BOOL:
		return v->u.i != 0;
	case TV_HTML:
		return v->u.h.len > 0;
	case TV_LIST:
		return v->u.list->n > 0;
	default:
		return 0;
	}
}

static void
emit(struct buf *out, const struct tval *v)
{
	if (v == NULL)
		return;
	switch (v->type) {
	case TV_STR:
		html_escape(out, v->u.str.s, v->u.str.len);
		break;
	case TV_INT:
		buf_addf(out, "%lld", v->u.i);
		break;
	case TV_BOOL:
		buf_adds(out, v->u.i ? "true" : "false");
		break;
	case TV_HTML:
		buf_add(out, v->u.h.p, v->u.h.len);
		break;
	default:
		break;
	}
}

static int
render(struct rctx *c, const struct tmpl *t, size_t from, size_t to)
{
	const struct node	*n;
	const struct tval	*v;
	const struct tmpl	*p;
	size_t			 i, k;

	for (i = from; i < to; ) {
		n = &t->nodes[i];
		switch (n->type) {
		case N_TEXT:
			buf_add(c->out, n->s, n->len);
			i++;
			break;
		case N_VAR:
			emit(c->out, lookup(c, n));
			i++;
			break;
		case N_PARTIAL:
			if ((p = n->partial) == NULL &&
			    (p = find(loaded, n->s, n->len)) == NULL) {
				log_err("%s:%u: unknown partial {{>%.*s}}",
				    t->file, n->line, (int)n->len, n->s);
				return -1;
			}
			if (c->partials == PARTIAL_MAX) {
				log_err("%s:%u: partials nested more than %d "
				    "deep", t->file, n->line, PARTIAL_MAX);
				return -1;
			}
			c->partials++;
			if (render(c, p, 0, p->n) == -1)
				return -1;
			c->partials--;
			i++;
			break;
		case N_SECTION:
			v = lookup(c, n);
			if (v != NULL && v->type == TV_LIST) {
				if (c->depth == SCOPE_MAX) {
					log_err("%s:%u: lists nested more "
					    "than %d deep", t->file, n->line,
					    SCOPE_MAX);
					return -1;
				}
				for (k = 0; k < v->u.list->n; k++) {
					c->scope[c->depth++] =
					    v->u.list->items[k];
					if (render(c, t, i + 1, n->end) == -1)
						return -1;
					c->depth--;
				}
			} else if (truthy(v) &&
			    render(c, t, i + 1, n->end) == -1)
				return -1;
			i = n->end;
			break;
		case N_IF:
		case N_IFNOT:
			if (truthy(lookup(c, n)) == (n->type == N_IF) &&
			    render(c, t, i + 1, n->end) == -1)
				return -1;
			i = n->end;
			break;
		}
	}
	return 0;
}

int
tmpl_render(struct buf *out, const struct tmpl *t, const struct tdict *d)
{
	struct rctx	 c;

	if (t == NULL) {
		log_err("no template");
		return -1;
	}
	c.out = out;
	c.depth = 0;
	c.partials = 0;
	if (d != NULL)
		c.scope[c.depth++] = d;
	return render(&c, t, 0, t->n);
}

int
tmpl_render_name(struct buf *out, const char *name, const struct tdict *d)
{
	const struct tmpl	*t;

	if ((t = tmpl_get(name)) == NULL) {
		log_err("no template \"%s\"", name);
		return -1;
	}
	return tmpl_render(out, t, d);
}
