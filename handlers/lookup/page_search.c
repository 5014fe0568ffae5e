/*
 * page_search: GET /api/search (API.md) and the results page GET /search.
 * Query understanding happens here: a code (any case, with or without the
 * ICD dot, stray spaces), a code prefix, words in any order with the last
 * one possibly partial, and spelling correction when the strict search
 * finds nothing. Ranking tiers (search.h) are computed in SQL
 * (search_db.c); this file merges the code and word searches, pages, and
 * renders. Query text reaches SQL only as statement parameters, and the
 * text search query is built from normalised words ([a-z0-9] and UTF-8
 * letters) that cannot carry tsquery syntax.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json.h>

#include "arena.h"
#include "buf.h"
#include "codeset.h"
#include "db.h"
#include "hash.h"
#include "html.h"
#include "jsonw.h"
#include "lookup.h"
#include "req.h"
#include "resp.h"
#include "search.h"
#include "session.h"
#include "tmpl.h"
#include "url.h"
#include "util.h"

#define LIMIT_DEFAULT	10
#define LIMIT_MAX	100
#define OFFSET_MAX	900	/* under SEARCH_CAP: deeper pages are not kept */
#define PAGE_SIZE	20

struct query {
	const char	*q;
	char		 key[CODESET_INPUT_MAX + 1];	/* "" if not code-like */
	int		 code_only;	/* one token with a digit: a code */
	char		*words[SEARCH_WORDS_MAX];
	size_t		 nwords;
};

struct result {
	struct hit	*v;
	size_t		 n;		/* rows from offset */
	long long	 total;
	const char	*corrected;	/* the corrected query, or NULL */
};

static int
is_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c >= 0x80;
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/*
 * Split q into words and see whether it is a code. Returns NULL, or the
 * message of a 400 ("at most 20 words").
 */
static const char *
parse_query(struct req *r, const char *q, unsigned setmask, struct query *p)
{
	const unsigned char	*s = (const unsigned char *)q;
	size_t			 i, j, len = strlen(q), ntok = 0;
	int			 digit = 0;
	char			*w;

	memset(p, 0, sizeof(*p));
	p->q = q;
	for (i = 0; i < len; ) {
		if (!is_word_byte(s[i])) {
			i++;
			continue;
		}
		for (j = i; j < len && is_word_byte(s[j]); j++)
			if (s[j] >= '0' && s[j] <= '9')
				digit = 1;
		if (p->nwords == SEARCH_WORDS_MAX)
			return "at most 20 words";
		if (j - i > SEARCH_WORD_BYTES)
			return "words of at most 48 characters";
		w = arena_strndup(r->arena, q + i, j - i);
		for (ntok = 0; w[ntok] != '\0'; ntok++)
			w[ntok] = (char)lower((unsigned char)w[ntok]);
		p->words[p->nwords++] = w;
		i = j;
	}
	/* Code-like: the codeset normal form could begin a code of a set
	 * asked for. Two characters at least, except a lone digit-led CPT/
	 * PCS start would scan whole sections. */
	if (codeset_normalise(q, len, p->key, sizeof(p->key)) == 0 &&
	    strlen(p->key) >= 2 &&
	    (codeset_guess_prefix(p->key, strlen(p->key)) &
	    (setmask ? setmask : ~0u)) != 0) {
		/* A single token with a digit ("k922", "E11.6", "99213"). */
		p->code_only = digit && strchr(q, ' ') == NULL;
	} else
		p->key[0] = '\0';
	return NULL;
}

/* " acute kidney fail": matches at a word start of app.search_norm. */
static char *
phrase(struct req *r, char *const *words, size_t n)
{
	struct buf	 b;
	size_t		 i;
	char		*out;

	buf_init(&b, 64);
	for (i = 0; i < n; i++) {
		buf_addc(&b, ' ');
		buf_adds(&b, words[i]);
	}
	out = arena_strndup(r->arena, b.data, b.len);
	buf_release(&b);
	return out;
}

static int
same(const struct hit *a, const struct hit *b)
{
	return strcmp(a->set, b->set) == 0 && strcmp(a->key, b->key) == 0;
}

/*
 * Run the search: codes, then words, then (when both found nothing)
 * words again after spelling correction. res gets the rows
 * [offset, offset + limit). Returns 0 or -1 (r->dbstatus).
 */
/*
 * Answers to recent queries, per worker: autocomplete sends the same
 * prefixes all day. Direct-mapped by a hash of the query and its options;
 * an entry is good while the index generation it was computed from lives
 * (hits point into the index, so nothing else needs copying).
 */
#define QCACHE_SLOTS	4096

static struct qcache {
	char		*key;
	unsigned	 generation;
	struct result	 res;		/* v and corrected are malloc'd */
} qcache[QCACHE_SLOTS];

static char *
qcache_key(struct req *r, const struct query *p, unsigned setmask,
    int billable, size_t offset, size_t limit)
{
	struct buf	 b;
	size_t		 i;
	char		*k;

	buf_init(&b, 64);
	buf_addf(&b, "%s|%u|%d|%zu|%zu|", p->key, setmask, billable, offset,
	    limit);
	for (i = 0; i < p->nwords; i++)
		buf_addf(&b, " %s", p->words[i]);
	k = arena_strndup(r->arena, b.data, b.len);
	buf_release(&b);
	return k;
}

static struct qcache *
qcache_slot(const char *k)
{
	return &qcache[hash_str(k) % QCACHE_SLOTS];
}

static void
qcache_put(struct qcache *c, const char *k, const struct result *res)
{
	free(c->key);
	free(c->res.v);
	free((char *)c->res.corrected);
	c->key = xstrdup(k);
	c->generation = smem_generation();
	c->res = *res;
	c->res.v = xcalloc(res->n + 1, sizeof(*res->v));
	if (res->n > 0)
		memcpy(c->res.v, res->v, res->n * sizeof(*res->v));
	c->res.corrected = res->corrected != NULL ?
	    xstrdup(res->corrected) : NULL;
}

static int	search_uncached(struct req *, const struct query *, unsigned,
		    int, size_t, size_t, struct result *);

static int
search(struct req *r, const struct query *p, unsigned setmask,
    int billable, size_t offset, size_t limit, struct result *res)
{
	struct qcache	*c;
	char		*k;

	if (smem_refresh(r) == -1)
		return -1;
	k = qcache_key(r, p, setmask, billable, offset, limit);
	c = qcache_slot(k);
	if (c->key != NULL && c->generation == smem_generation() &&
	    strcmp(c->key, k) == 0) {
		*res = c->res;
		return 0;
	}
	if (search_uncached(r, p, setmask, billable, offset, limit,
	    res) == -1)
		return -1;
	qcache_put(c, k, res);
	return 0;
}

static int
search_uncached(struct req *r, const struct query *p, unsigned setmask,
    int billable, size_t offset, size_t limit, struct result *res)
{
	struct hit	*hc = NULL, *hw = NULL, *all;
	size_t		 nc = 0, nw = 0, n, i, j, want = offset + limit;
	long long	 tc = 0, tw = 0, dups = 0;
	char		*fixed[SEARCH_WORDS_MAX];
	int		 changed = 0;

	memset(res, 0, sizeof(*res));
	if (p->key[0] != '\0' && smem_codes(r, p->key, setmask, billable,
	    want, &hc, &nc, &tc) == -1)
		return -1;
	if (p->nwords > 0 && !(p->code_only && tc > 0) &&
	    smem_words(r, p->words, p->nwords, 1, setmask, billable, want,
	    &hw, &nw, &tw) == -1)
		return -1;

	/* Nothing found: try the closest known words instead. */
	if (tc + tw == 0 && p->nwords > 0 && !p->code_only) {
		if (smem_spell(r, p->words, p->nwords, 1, fixed) == -1)
			return -1;
		for (i = 0; i < p->nwords; i++)
			if (strcmp(fixed[i], p->words[i]) != 0)
				changed = 1;
		if (changed) {
			if (smem_words(r, fixed, p->nwords, 0, setmask,
			    billable, want, &hw, &nw, &tw) == -1)
				return -1;
			for (i = 0; i < nw; i++)
				hw[i].tier = TIER_SPELLING;
			if (tw > 0)
				res->corrected = phrase(r, fixed,
				    p->nwords) + 1;
		}
	}

	/* Codes first; a code also found by words keeps its code tier. */
	all = arena_calloc(r->arena, nc + nw + 1, sizeof(*all));
	n = 0;
	for (i = 0; i < nc; i++)
		all[n++] = hc[i];
	for (i = 0; i < nw; i++) {
		for (j = 0; j < nc; j++)
			if (same(&hw[i], &hc[j]))
				break;
		if (j < nc) {
			dups++;
			continue;
		}
		all[n++] = hw[i];
	}
	res->total = tc + tw - dups;
	if (offset < n) {
		res->v = all + offset;
		res->n = n - offset < limit ? n - offset : limit;
	}
	return 0;
}

/* Why a row matched, for people: "index: Hives → see Urticaria". */
static const char *
matched(struct req *r, const struct hit *h, const char *corrected)
{
	const char	*why;

	switch (h->tier) {
	case TIER_CODE:
		return "code";
	case TIER_PREFIX:
		return "code prefix";
	default:
		break;
	}
	if (h->kind == NULL || strcmp(h->kind, "title") == 0)
		why = "title";
	else if (strcmp(h->kind, "short") == 0)
		why = "short title";
	else if (strcmp(h->kind, "inclusion") == 0)
		why = arena_printf(r->arena, "inclusion: %s", h->term);
	else if (strcmp(h->kind, "index") == 0)
		why = arena_printf(r->arena, "index: %s",
		    h->path != NULL ? h->path : h->term);
	else
		why = arena_printf(r->arena, "synonym: %s", h->term);
	if (h->tier == TIER_SPELLING && corrected != NULL)
		return arena_printf(r->arena, "spelling: %s; %s", corrected,
		    why);
	return why;
}

/* The short label of the page ("why" tag). */
static const char *
label(const struct hit *h)
{
	if (h->tier == TIER_CODE)
		return "code";
	if (h->tier == TIER_PREFIX)
		return "code prefix";
	if (h->tier == TIER_SPELLING)
		return "spelling";
	if (h->kind == NULL || strcmp(h->kind, "title") == 0)
		return "title";
	if (strcmp(h->kind, "short") == 0)
		return "short title";
	if (strcmp(h->kind, "inclusion") == 0)
		return "inclusion term";
	if (strcmp(h->kind, "index") == 0)
		return "index term";
	return "synonym";
}

static const char *
hit_url(struct req *r, const struct hit *h)
{
	return url_path(r->arena, "/codes", h->set, h->display, NULL);
}

static void
put_json(void *o)
{
	json_object_put(o);
}

/* The first bad search field as "name: message", or NULL. */
static const char *
bad_field(struct req *r)
{
	static const struct {
		int		 f;
		const char	*name;
	} fs[] = {
		{ F_Q, "q" }, { F_SET, "set" }, { F_BILLABLE, "billable" },
		{ F_LIMIT, "limit" }, { F_OFFSET, "offset" },
		{ F_BROWSE_PAGE, "page" },
	};
	size_t	 i;

	for (i = 0; i < NITEMS(fs); i++)
		if (r->bad[fs[i].f] != NULL)
			return arena_printf(r->arena, "%s: %s", fs[i].name,
			    r->field_err[fs[i].f]);
	return NULL;
}

static unsigned
field_mask(struct req *r)
{
	return r->field[F_SET] != NULL ? (unsigned)r->field[F_SET]->i : 0;
}

static int
field_billable(struct req *r)
{
	return r->field[F_BILLABLE] != NULL && r->field[F_BILLABLE]->i != 0;
}

/*
 * GET /api/search: 200 with the results (possibly none), 400 for a
 * missing or bad parameter, 503 when the database is down.
 */
int
page_api_search(struct req *r)
{
	struct query		 p;
	struct result		 res;
	struct json_object	*o, *a, *it, *ro;
	const struct release	*lr;
	const char		*msg, *q;
	size_t			 limit = LIMIT_DEFAULT, offset = 0, i, nrel;

	if ((msg = bad_field(r)) != NULL)
		return resp_fail(r, 400, "%s", msg);
	if (r->field[F_Q] == NULL || r->field[F_Q]->len == 0)
		return resp_fail(r, 400, "q: is required (1 to 200 "
		    "characters)");
	q = r->field[F_Q]->s;
	if (r->field[F_LIMIT] != NULL) {
		if (r->field[F_LIMIT]->i < 1 || r->field[F_LIMIT]->i > LIMIT_MAX)
			return resp_fail(r, 400, "limit: must be 1 to 100");
		limit = (size_t)r->field[F_LIMIT]->i;
	}
	if (r->field[F_OFFSET] != NULL) {
		if (r->field[F_OFFSET]->i > OFFSET_MAX)
			return resp_fail(r, 400, "offset: at most 900");
		offset = (size_t)r->field[F_OFFSET]->i;
	}
	if ((msg = parse_query(r, q, field_mask(r), &p)) != NULL)
		return resp_fail(r, 400, "q: %s", msg);
	if (search(r, &p, field_mask(r), field_billable(r), offset, limit,
	    &res) == -1)
		return db_fail(r);
	lr = live_releases(r, &nrel);

	o = json_object_new_object();
	arena_defer(r->arena, put_json, o);
	jsonw_add_str(o, "q", q);
	jsonw_add_int(o, "total", res.total);
	if (res.corrected != NULL)
		jsonw_add_str(o, "corrected", res.corrected);
	ro = json_object_new_object();
	for (i = 0; i < nrel; i++) {
		int s = codeset_from_name(lr[i].dataset,
		    strlen(lr[i].dataset));

		if (s != -1 && (field_mask(r) == 0 ||
		    (field_mask(r) & (1u << s)) != 0))
			jsonw_add_str(ro, lr[i].dataset, lr[i].version);
	}
	json_object_object_add(o, "release", ro);
	a = json_object_new_array();
	for (i = 0; i < res.n; i++) {
		it = json_object_new_object();
		jsonw_add_str(it, "set", res.v[i].set);
		jsonw_add_str(it, "code", res.v[i].display);
		jsonw_add_str(it, "title", res.v[i].title);
		jsonw_add_bool(it, "billable", res.v[i].billable);
		jsonw_add_str(it, "matched", matched(r, &res.v[i],
		    res.corrected));
		jsonw_add_str(it, "url", hit_url(r, &res.v[i]));
		json_object_array_add(a, it);
	}
	json_object_object_add(o, "results", a);
	return resp_json(r, 200, o);
}

/* Does title word (s, len) begin with a query word? */
static int
word_hit(const char *s, size_t len, char *const *words, size_t n)
{
	size_t	 i, k, wl;

	for (i = 0; i < n; i++) {
		wl = strlen(words[i]);
		if (wl > len || (wl < 3 && wl != len))
			continue;
		for (k = 0; k < wl; k++)
			if (lower((unsigned char)s[k]) !=
			    (unsigned char)words[i][k])
				break;
		if (k == wl)
			return 1;
	}
	return 0;
}

/* The title with the query's words in <mark>: every segment goes
 * through html_escape, the only markup added is ours. */
static struct html
highlight(struct req *r, const char *title, char *const *words, size_t n)
{
	struct buf	 b;
	struct html	 h;
	size_t		 i, j, len;
	const unsigned char *s = (const unsigned char *)title;

	if (title == NULL)
		return html_text(r->arena, NULL);
	len = strlen(title);
	buf_init(&b, len + 32);
	for (i = 0; i < len; i = j) {
		if (!is_word_byte(s[i])) {
			for (j = i; j < len && !is_word_byte(s[j]); j++)
				;
			html_escape(&b, title + i, j - i);
			continue;
		}
		for (j = i; j < len && is_word_byte(s[j]); j++)
			;
		if (word_hit(title + i, j - i, words, n)) {
			buf_adds(&b, "<mark>");
			html_escape(&b, title + i, j - i);
			buf_adds(&b, "</mark>");
		} else
			html_escape(&b, title + i, j - i);
	}
	h = html_buf(r->arena, &b);
	buf_release(&b);
	return h;
}

/* "/search?q=..&set=..&billable=1&page=N" */
static const char *
page_link(struct req *r, const char *q, unsigned mask, int billable,
    size_t page)
{
	struct buf	 b;
	const char	*out;
	int		 s, first = 1;

	buf_init(&b, 64);
	buf_adds(&b, "/search?q=");
	url_encode(&b, q, strlen(q));
	for (s = 0; s < CODESET__MAX; s++)
		if (mask & (1u << s)) {
			buf_adds(&b, first ? "&set=" : "%2C");
			buf_adds(&b, codeset_name((enum code_set)s));
			first = 0;
		}
	if (billable)
		buf_adds(&b, "&billable=1");
	if (page > 1)
		buf_addf(&b, "&page=%zu", page);
	out = arena_strndup(r->arena, b.data, b.len);
	buf_release(&b);
	return out;
}

/*
 * GET /search: the results page. 200 (results, none, or the empty form),
 * 302 to the code page when q is exactly one existing code (a coder who
 * types "k922" and Enter wants K92.2's page), 400 for a bad parameter
 * (the page says which), 503 without the database.
 */
int
page_search(struct req *r)
{
	struct query	 p, hl;
	struct result	 res;
	struct tdict	*d, *it;
	const char	*msg, *q = "";
	unsigned	 mask = 0;
	int		 billable, s, nexact;
	size_t		 page = 1, i, pages;

	d = tdict_new(r->arena);
	tdict_list(d, "results");
	tdict_list(d, "sets");
	if ((msg = bad_field(r)) != NULL) {
		tdict_str(d, "title", "Search");
		tdict_str(d, "error", msg);
		return resp_tmpl(r, 400, "search", d);
	}
	if (r->field[F_Q] != NULL)
		q = r->field[F_Q]->s;
	mask = field_mask(r);
	billable = field_billable(r);
	if (r->field[F_BROWSE_PAGE] != NULL) {
		if (r->field[F_BROWSE_PAGE]->i < 1 ||
		    r->field[F_BROWSE_PAGE]->i > OFFSET_MAX / PAGE_SIZE)
			page = 0;
		else
			page = (size_t)r->field[F_BROWSE_PAGE]->i;
	}
	for (s = 0; s < CODESET__MAX; s++) {
		it = tdict_push(d, "sets");
		tdict_str(it, "value", codeset_name((enum code_set)s));
		tdict_str(it, "label", codeset_label((enum code_set)s));
		tdict_bool(it, "selected", mask == (1u << s));
	}
	tdict_bool(d, "billable", billable);
	tdict_str(d, "query", q);
	if (page == 0) {
		tdict_str(d, "title", "Search");
		tdict_str(d, "error", "page: must be 1 to 45");
		return resp_tmpl(r, 400, "search", d);
	}
	if (*q == '\0') {
		tdict_str(d, "title", "Search codes");
		tdict_bool(d, "blank", 1);
		return resp_tmpl(r, 200, "search", d);
	}
	tdict_str(d, "title", arena_printf(r->arena, "%s · search", q));
	if ((msg = parse_query(r, q, mask, &p)) != NULL) {
		tdict_str(d, "error", arena_printf(r->arena, "q: %s", msg));
		return resp_tmpl(r, 400, "search", d);
	}
	if (search(r, &p, mask, billable, (page - 1) * PAGE_SIZE, PAGE_SIZE,
	    &res) == -1)
		return db_fail(r);
	if (page == 1)
		session_recent_search(r, q);	/* members' history */

	/* Exactly one code equal to the query, first page, no correction:
	 * go to its page. */
	for (i = nexact = 0; i < res.n; i++)
		if (res.v[i].tier == TIER_CODE)
			nexact++;
	if (page == 1 && nexact == 1 && p.code_only)
		return resp_redirect(r, 302, hit_url(r, &res.v[0]));

	/* Highlight the words the results were found with. */
	hl = p;
	if (res.corrected != NULL &&
	    parse_query(r, res.corrected, mask, &hl) != NULL)
		hl.nwords = 0;
	if (res.corrected != NULL) {
		tdict_str(d, "corrected", res.corrected);
		tdict_str(d, "corrected_url", page_link(r, res.corrected, mask,
		    billable, 1));
	}
	tdict_int(d, "total", res.total);
	tdict_bool(d, "one", res.total == 1);
	tdict_int(d, "first", (long long)((page - 1) * PAGE_SIZE + 1));
	tdict_int(d, "last", (long long)((page - 1) * PAGE_SIZE + res.n));
	for (i = 0; i < res.n; i++) {
		it = tdict_push(d, "results");
		tdict_str(it, "code", res.v[i].display);
		tdict_str(it, "url", hit_url(r, &res.v[i]));
		tdict_html(it, "title_html", highlight(r, res.v[i].title,
		    hl.words, hl.nwords));
		tdict_str(it, "set", res.v[i].set);
		s = codeset_from_name(res.v[i].set, strlen(res.v[i].set));
		tdict_str(it, "set_label", s == -1 ? res.v[i].set :
		    codeset_label((enum code_set)s));
		tdict_bool(it, "billable", res.v[i].billable);
		tdict_str(it, "why", label(&res.v[i]));
		tdict_str(it, "matched", matched(r, &res.v[i],
		    res.corrected));
	}
	pages = (size_t)((res.total + PAGE_SIZE - 1) / PAGE_SIZE);
	if (pages > OFFSET_MAX / PAGE_SIZE)
		pages = OFFSET_MAX / PAGE_SIZE;
	if (page > 1)
		tdict_str(d, "prev_url", page_link(r, q, mask, billable,
		    page - 1));
	if (page < pages)
		tdict_str(d, "next_url", page_link(r, q, mask, billable,
		    page + 1));
	tdict_int(d, "page", (long long)page);
	tdict_int(d, "pages", (long long)pages);
	return resp_tmpl(r, 200, "search", d);
}
