/*
 * search_mem: the search index each worker keeps in memory. It is built
 * from the live releases (app.codes and app.search_terms) when the worker
 * starts and again when a release switch or a lay-term edit changes what
 * is live; a query then touches no database at all. Words are kept in a
 * sorted vocabulary, so a partial last word is a range of word ids, and
 * every term lists its word ids; posting lists give the terms of a word.
 * PostgreSQL stays the source of truth: this is a cache with a signature.
 */
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "buf.h"
#include "codeset.h"
#include "db.h"
#include "hash.h"
#include "log.h"
#include "req.h"
#include "search.h"
#include "util.h"

#define CHECK_EVERY	10		/* seconds between signature checks */
#define PREFIX_SCAN_MAX	100000		/* postings a prefix query reads */
#define CODE_SCAN_MAX	100000		/* codes a code-prefix query reads */

enum { SG_SIG };
enum { CL_SET, CL_CODE, CL_DISPLAY, CL_TITLE, CL_BILLABLE, CL_SEQ };
enum { TL_SET, TL_CODE, TL_KIND, TL_TERM, TL_PATH };

enum {
	STMT_SMEM_SIGNATURE,
	STMT_SMEM_CODES,
	STMT_SMEM_TERMS,
	STMT_SMEM__MAX
};

#define LIVE_CODE_SETS \
	"SELECT id FROM app.releases WHERE is_live AND dataset IN " \
	"('cpt', 'hcpcs', 'icd10cm', 'icd10pcs')"

const struct stmt smem_stmts[STMT_SMEM__MAX + 1] = {
	/* What the index was built from: live releases and lay terms. */
	{ "smem_signature",
	  "SELECT (SELECT string_agg(id::text, ',' ORDER BY id) FROM "
	  "app.releases WHERE is_live AND dataset IN ('cpt', 'hcpcs', "
	  "'icd10cm', 'icd10pcs', 'icd10cm_index', 'icd10pcs_index')) || '/' "
	  "|| (SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') "
	  "FROM app.code_text)", 0,
	  DB_READONLY }, /* STMT_SMEM_SIGNATURE */
	{ "smem_codes",
	  "SELECT code_set, code, display, coalesce(title, short_title), "
	  "billable, seq FROM app.codes WHERE release_id IN ("
	  LIVE_CODE_SETS ") AND kind = 'code' "
	  "ORDER BY code_set COLLATE \"C\", code COLLATE \"C\"", 0,
	  DB_READONLY }, /* STMT_SMEM_CODES */
	/* Terms in static rank order: billable codes' terms first, shorter
	 * terms first, then tabular order; posting lists inherit it. */
	{ "smem_terms",
	  "SELECT code_set, code, kind, term, path FROM app.search_terms "
	  "WHERE release_id IN (" LIVE_CODE_SETS ") "
	  "ORDER BY billable DESC, length(term), seq, kind", 0,
	  DB_READONLY }, /* STMT_SMEM_TERMS */
	{ NULL, NULL, 0, 0 },
};

enum { KIND_TITLE, KIND_SHORT, KIND_INCLUSION, KIND_INDEX, KIND_LAY };
static const char *const kinds[] = { "title", "short", "inclusion",
    "index", "lay" };

struct scode {
	uint32_t	 key;		/* pool offsets */
	uint32_t	 display;
	uint32_t	 title;		/* 0: none */
	int32_t		 seq;
	uint16_t	 keylen;
	uint8_t		 set;
	uint8_t		 billable;
};

struct sterm {
	uint32_t	 code;		/* index into codes */
	uint32_t	 text;		/* pool offsets */
	uint32_t	 norm;		/* " w1 w2 … " */
	uint32_t	 path;		/* 0: none */
	uint32_t	 tok;		/* first of ntok word ids in toks */
	uint16_t	 ntok;
	uint16_t	 normlen;
	uint8_t		 kind;
};

struct sword {
	uint32_t	 str;		/* pool offset */
	uint32_t	 post;		/* first of npost term ids in posts */
	uint32_t	 npost;
	uint16_t	 len;
};

static unsigned		 generation;

static struct {
	unsigned	 generation;	/* changes with every build */
	char		*sig;
	time_t		 checked;
	struct buf	 pool;
	struct scode	*codes;
	size_t		 ncodes;
	uint32_t	*bykey[CODESET__MAX];	/* code ids sorted by key */
	size_t		 nbykey[CODESET__MAX];
	struct sterm	*terms;
	size_t		 nterms;
	uint32_t	*toks;
	struct sword	*words;		/* sorted by string: id = index */
	size_t		 nwords;
	uint32_t	*posts;
	/* Per-query scratch, sized by ncodes. */
	uint8_t		*best;		/* 1: the code has a term this query */
	uint32_t	*bestkey;	/* tier << 24 | rank << 16 | length */
	uint32_t	*bestterm;
	uint32_t	*touched;
} ix;

#define S(off)	(ix.pool.data + (off))

/* Append a string to the pool; offset 0 is reserved for "none". */
static uint32_t
pool_add(const char *s, size_t len)
{
	uint32_t	 off = (uint32_t)ix.pool.len;

	buf_add(&ix.pool, s, len);
	buf_addc(&ix.pool, '\0');
	return off;
}

static int
word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c >= 0x80;
}

/* " w1 w2 … " in lower case: the form terms and phrases are compared in. */
static void
normalise(struct buf *out, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	int			 sep = 1;

	buf_reset(out);
	buf_addc(out, ' ');
	for (; *p != '\0'; p++) {
		if (!word_byte(*p)) {
			if (!sep)
				buf_addc(out, ' ');
			sep = 1;
			continue;
		}
		buf_addc(out, *p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
		sep = 0;
	}
	if (!sep)
		buf_addc(out, ' ');
}

static void
ix_free(void)
{
	int	 s;

	free(ix.codes);
	free(ix.terms);
	free(ix.toks);
	free(ix.words);
	free(ix.posts);
	free(ix.best);
	free(ix.bestterm);
	free(ix.bestkey);
	free(ix.touched);
	for (s = 0; s < CODESET__MAX; s++)
		free(ix.bykey[s]);
	if (ix.pool.data != NULL)
		buf_release(&ix.pool);
	free(ix.sig);
	memset(&ix, 0, sizeof(ix));
}

/* Code id of (set, key), or -1; bykey is sorted with strcmp. */
static long
code_find(int set, const char *key)
{
	size_t	 lo = 0, hi = ix.nbykey[set], mid;
	int	 c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strcmp(S(ix.codes[ix.bykey[set][mid]].key), key);
		if (c == 0)
			return (long)ix.bykey[set][mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* First index in the sorted vocabulary whose word is >= s (first n
 * bytes compared when n is given, for prefix ranges). */
static size_t
word_lower(const char *s, size_t n)
{
	size_t	 lo = 0, hi = ix.nwords, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (strncmp(S(ix.words[mid].str), s, n) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The vocabulary range [lo, hi) of words beginning with s. */
static void
word_range(const char *s, size_t *lo, size_t *hi)
{
	size_t	 n = strlen(s);

	*lo = word_lower(s, n);
	for (*hi = *lo; *hi < ix.nwords &&
	    strncmp(S(ix.words[*hi].str), s, n) == 0; (*hi)++)
		;
}

static long
word_find(const char *s)
{
	size_t	 i = word_lower(s, strlen(s) + 1);

	return i < ix.nwords && strcmp(S(ix.words[i].str), s) == 0 ?
	    (long)i : -1;
}

struct tmpword {
	uint32_t	 str;
	uint32_t	 n;		/* terms that have the word */
};

static struct tmpword	*sort_tw;	/* for cmp_order */

static int
cmp_order(const void *a, const void *b)
{
	return strcmp(S(sort_tw[*(const uint32_t *)a].str),
	    S(sort_tw[*(const uint32_t *)b].str));
}

static int
cmp_bykey(const void *a, const void *b)
{
	return strcmp(S(ix.codes[*(const uint32_t *)a].key),
	    S(ix.codes[*(const uint32_t *)b].key));
}

/*
 * Build the vocabulary and postings from the terms' norms: every distinct
 * word gets an id in sorted order (so a prefix is an id range), every
 * term the ids of its words, every word the ids of its terms in term
 * order (the static rank order).
 */
static void
build_words(void)
{
	struct tmpword	*tw;
	uint32_t	*hash, *toks, *order, *remap, *fill;
	size_t		 hcap = 1, ntw = 0, ntok = 0, i, j, k, len, tcap;
	const char	*p, *e;

	while (hcap < ix.nterms * 2 + 1024)
		hcap <<= 1;
	hash = xcalloc(hcap, sizeof(*hash));	/* tmpword index + 1 */
	tw = xcalloc(hcap / 2, sizeof(*tw));
	tcap = 1024;
	toks = xcalloc(tcap, sizeof(*toks));
	for (i = 0; i < ix.nterms; i++) {
		ix.terms[i].tok = (uint32_t)ntok;
		for (p = S(ix.terms[i].norm) + 1; *p != '\0'; p = e + 1) {
			e = strchr(p, ' ');
			len = (size_t)(e - p);
			for (j = hash_bytes(p, len) & (hcap - 1); hash[j] != 0;
			    j = (j + 1) & (hcap - 1)) {
				const char *w = S(tw[hash[j] - 1].str);
				if (strncmp(w, p, len) == 0 && w[len] == '\0')
					break;
			}
			if (hash[j] == 0) {
				if (ntw == hcap / 2 - 1)
					break;	/* cannot happen: sized */
				tw[ntw].str = pool_add(p, len);
				hash[j] = (uint32_t)++ntw;
			}
			/* A word twice in one term is listed once. */
			for (k = ix.terms[i].tok; k < ntok; k++)
				if (toks[k] == hash[j] - 1)
					break;
			if (k < ntok)
				continue;
			if (ntok == tcap) {
				tcap *= 2;
				toks = xrealloc(toks, tcap * sizeof(*toks));
			}
			toks[ntok++] = hash[j] - 1;
			tw[hash[j] - 1].n++;
		}
		ix.terms[i].ntok = (uint16_t)(ntok - ix.terms[i].tok);
	}
	free(hash);

	order = xcalloc(ntw + 1, sizeof(*order));
	remap = xcalloc(ntw + 1, sizeof(*remap));
	for (i = 0; i < ntw; i++)
		order[i] = (uint32_t)i;
	sort_tw = tw;
	qsort(order, ntw, sizeof(*order), cmp_order);
	ix.words = xcalloc(ntw + 1, sizeof(*ix.words));
	for (i = 0, k = 0; i < ntw; i++) {
		remap[order[i]] = (uint32_t)i;
		ix.words[i].str = tw[order[i]].str;
		ix.words[i].len = (uint16_t)strlen(S(tw[order[i]].str));
		ix.words[i].npost = tw[order[i]].n;
		ix.words[i].post = (uint32_t)k;
		k += tw[order[i]].n;
	}
	ix.nwords = ntw;
	ix.posts = xcalloc(k + 1, sizeof(*ix.posts));
	fill = xcalloc(ntw + 1, sizeof(*fill));
	for (i = 0; i < ntok; i++)
		toks[i] = remap[toks[i]];
	for (i = 0; i < ix.nterms; i++)
		for (j = 0; j < ix.terms[i].ntok; j++) {
			struct sword *w = &ix.words[toks[ix.terms[i].tok + j]];
			ix.posts[w->post + fill[w - ix.words]++] = (uint32_t)i;
		}
	ix.toks = toks;
	free(fill);
	free(order);
	free(remap);
	free(tw);
}

static int
kind_id(const char *k)
{
	size_t	 i;

	for (i = 0; i < NITEMS(kinds); i++)
		if (strcmp(kinds[i], k) == 0)
			return (int)i;
	return (int)NITEMS(kinds) - 1;
}

/* Load everything from the two results; returns 0 or -1 (logged). */
static int
build(const PGresult *cr, const PGresult *tr, const char *sig)
{
	struct buf	 norm;
	size_t		 i, n;
	int		 s;
	long		 c;

	ix_free();
	buf_init(&ix.pool, 64 * 1024 * 1024);
	buf_addc(&ix.pool, '\0');		/* offset 0: none */
	ix.ncodes = (size_t)PQntuples(cr);
	ix.codes = xcalloc(ix.ncodes + 1, sizeof(*ix.codes));
	for (i = 0; i < ix.ncodes; i++) {
		struct scode	*sc = &ix.codes[i];
		const char	*v;

		if ((s = codeset_from_name(PQgetvalue(cr, (int)i, CL_SET),
		    strlen(PQgetvalue(cr, (int)i, CL_SET)))) == -1)
			continue;
		sc->set = (uint8_t)s;
		v = PQgetvalue(cr, (int)i, CL_CODE);
		sc->keylen = (uint16_t)strlen(v);
		sc->key = pool_add(v, sc->keylen);
		v = PQgetvalue(cr, (int)i, CL_DISPLAY);
		sc->display = pool_add(v, strlen(v));
		if (!PQgetisnull(cr, (int)i, CL_TITLE)) {
			v = PQgetvalue(cr, (int)i, CL_TITLE);
			sc->title = pool_add(v, strlen(v));
		}
		sc->billable = db_bool(cr, (int)i, CL_BILLABLE);
		sc->seq = (int32_t)db_int(cr, (int)i, CL_SEQ);
		ix.nbykey[s]++;
	}
	for (s = 0; s < CODESET__MAX; s++) {
		ix.bykey[s] = xcalloc(ix.nbykey[s] + 1, sizeof(uint32_t));
		ix.nbykey[s] = 0;
	}
	for (i = 0; i < ix.ncodes; i++)
		ix.bykey[ix.codes[i].set][ix.nbykey[ix.codes[i].set]++] =
		    (uint32_t)i;
	for (s = 0; s < CODESET__MAX; s++)
		qsort(ix.bykey[s], ix.nbykey[s], sizeof(uint32_t), cmp_bykey);

	n = (size_t)PQntuples(tr);
	ix.terms = xcalloc(n + 1, sizeof(*ix.terms));
	buf_init(&norm, 256);
	for (i = 0; i < n; i++) {
		struct sterm	*st = &ix.terms[ix.nterms];
		const char	*set = PQgetvalue(tr, (int)i, TL_SET);
		const char	*term = PQgetvalue(tr, (int)i, TL_TERM);

		if ((s = codeset_from_name(set, strlen(set))) == -1 ||
		    (c = code_find(s, PQgetvalue(tr, (int)i, TL_CODE))) == -1)
			continue;
		normalise(&norm, term);
		if (norm.len < 3 || norm.len > UINT16_MAX)
			continue;
		st->code = (uint32_t)c;
		st->kind = (uint8_t)kind_id(PQgetvalue(tr, (int)i, TL_KIND));
		st->text = pool_add(term, strlen(term));
		st->norm = pool_add(norm.data, norm.len);
		st->normlen = (uint16_t)norm.len;
		if (!PQgetisnull(tr, (int)i, TL_PATH))
			st->path = pool_add(PQgetvalue(tr, (int)i, TL_PATH),
			    strlen(PQgetvalue(tr, (int)i, TL_PATH)));
		ix.nterms++;
	}
	buf_release(&norm);
	build_words();
	ix.best = xcalloc(ix.ncodes + 1, sizeof(*ix.best));
	ix.bestterm = xcalloc(ix.ncodes + 1, sizeof(*ix.bestterm));
	ix.bestkey = xcalloc(ix.ncodes + 1, sizeof(*ix.bestkey));
	ix.touched = xcalloc(ix.ncodes + 1, sizeof(*ix.touched));
	ix.sig = xstrdup(sig);
	ix.generation = ++generation;
	malloc_trim(0);		/* hand the load's results back */
	log_info("search index: %zu codes, %zu terms, %zu words, %zu KiB",
	    ix.ncodes, ix.nterms, ix.nwords, ix.pool.len / 1024);
	return 0;
}

int
smem_refresh(struct req *r)
{
	PGresult	*res, *cr, *tr;
	const char	*sig;
	time_t		 now = time(NULL);

	if (ix.sig != NULL && now - ix.checked < CHECK_EVERY)
		return 0;
	if ((res = db_exec(r, &smem_stmts[STMT_SMEM_SIGNATURE], NULL)) ==
	    NULL)
		return ix.sig != NULL ? (r->dbstatus = 0, 0) : -1;
	sig = db_str(res, 0, SG_SIG);
	if (sig == NULL)
		sig = "";
	ix.checked = now;
	if (ix.sig != NULL && strcmp(ix.sig, sig) == 0)
		return 0;
	/* One snapshot for both reads, so codes and terms agree. */
	if (db_begin(r) == -1)
		return ix.sig != NULL ? (r->dbstatus = 0, 0) : -1;
	cr = db_exec(r, &smem_stmts[STMT_SMEM_CODES], NULL);
	tr = cr == NULL ? NULL : db_exec(r, &smem_stmts[STMT_SMEM_TERMS],
	    NULL);
	if (tr == NULL) {
		(void)db_rollback(r);
		return ix.sig != NULL ? (r->dbstatus = 0, 0) : -1;
	}
	(void)db_commit(r);
	return build(cr, tr, sig);
}

unsigned
smem_generation(void)
{
	return ix.generation;
}

void
smem_warm(struct req *r)
{
	if (smem_refresh(r) == -1)
		log_warn("search index not built yet; the first search will");
}

/* A bounded max-heap of the best `want` candidates (worst at the top). */
struct cand {
	uint32_t	 code;
	uint32_t	 term;		/* UINT32_MAX: a code match */
	uint8_t		 tier;
	uint8_t		 rank;		/* 0 the whole term, 1 its start, 2 inside */
	uint16_t	 len;		/* term or key length: shorter first */
};

static const uint8_t set_order[CODESET__MAX] = {
	2, /* CODESET_CPT */
	1, /* CODESET_HCPCS */
	0, /* CODESET_ICD10CM */
	3, /* CODESET_ICD10PCS */
};

static int
better(const struct cand *a, const struct cand *b)
{
	const struct scode	*ca = &ix.codes[a->code], *cb = &ix.codes[b->code];

	if (a->tier != b->tier)
		return a->tier < b->tier;
	if (ca->billable != cb->billable)
		return ca->billable > cb->billable;
	if (a->rank != b->rank)
		return a->rank < b->rank;
	if (a->len != b->len)
		return a->len < b->len;
	if (ca->set != cb->set)	/* ICD-10-CM, HCPCS, CPT, ICD-10-PCS */
		return set_order[ca->set] < set_order[cb->set];
	return ca->seq < cb->seq;
}

struct heap {
	struct cand	*v;
	size_t		 n, cap;
};

static void
heap_push(struct heap *h, const struct cand *c)
{
	size_t		 i, k, m;
	struct cand	 t;

	if (h->cap == 0)
		return;
	if (h->n < h->cap) {
		/* sift up: the parent must be worse than (or equal to) us */
		i = h->n++;
		h->v[i] = *c;
		while (i > 0 && better(&h->v[(i - 1) / 2], &h->v[i])) {
			t = h->v[i];
			h->v[i] = h->v[(i - 1) / 2];
			h->v[(i - 1) / 2] = t;
			i = (i - 1) / 2;
		}
		return;
	}
	if (!better(c, &h->v[0]))
		return;
	h->v[0] = *c;
	for (i = 0;; i = m) {
		m = i;
		k = 2 * i + 1;
		if (k < h->n && better(&h->v[m], &h->v[k]))
			m = k;
		if (k + 1 < h->n && better(&h->v[m], &h->v[k + 1]))
			m = k + 1;
		if (m == i)
			break;
		t = h->v[i];
		h->v[i] = h->v[m];
		h->v[m] = t;
	}
}

static int
cmp_cand(const void *a, const void *b)
{
	return better(a, b) ? -1 : better(b, a) ? 1 : 0;
}

/* Turn the heap into hits, best first. */
static void
to_hits(struct req *r, struct heap *h, struct hit **out, size_t *n)
{
	struct hit	*v;
	size_t		 i;

	qsort(h->v, h->n, sizeof(*h->v), cmp_cand);
	v = arena_calloc(r->arena, h->n + 1, sizeof(*v));
	for (i = 0; i < h->n; i++) {
		const struct scode *c = &ix.codes[h->v[i].code];

		v[i].set = codeset_name((enum code_set)c->set);
		v[i].key = S(c->key);
		v[i].display = S(c->display);
		v[i].title = c->title ? S(c->title) : NULL;
		v[i].billable = c->billable;
		v[i].tier = (enum search_tier)h->v[i].tier;
		if (h->v[i].term != UINT32_MAX) {
			const struct sterm *t = &ix.terms[h->v[i].term];

			v[i].kind = kinds[t->kind];
			v[i].term = S(t->text);
			v[i].path = t->path ? S(t->path) : NULL;
		}
	}
	*out = v;
	*n = h->n;
}

static int
want_code(const struct scode *c, unsigned setmask, int billable)
{
	return (setmask == 0 || (setmask & (1u << c->set))) &&
	    (!billable || c->billable);
}

int
smem_codes(struct req *r, const char *key, unsigned setmask, int billable,
    size_t want, struct hit **out, size_t *n, long long *total)
{
	struct heap	 h;
	struct cand	 c;
	size_t		 klen = strlen(key), lo, hi, mid, i, scanned = 0;
	int		 s;

	*n = 0;
	*total = 0;
	if (smem_refresh(r) == -1)
		return -1;
	h.cap = want;
	h.n = 0;
	h.v = arena_calloc(r->arena, want + 1, sizeof(*h.v));
	for (s = 0; s < CODESET__MAX; s++) {
		if (setmask != 0 && !(setmask & (1u << s)))
			continue;
		lo = 0;
		hi = ix.nbykey[s];
		while (lo < hi) {
			mid = (lo + hi) / 2;
			if (strncmp(S(ix.codes[ix.bykey[s][mid]].key), key,
			    klen) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (i = lo; i < ix.nbykey[s] && scanned < CODE_SCAN_MAX;
		    i++, scanned++) {
			const struct scode *sc = &ix.codes[ix.bykey[s][i]];

			if (strncmp(S(sc->key), key, klen) != 0)
				break;
			if (!want_code(sc, 0, billable))
				continue;
			c.code = ix.bykey[s][i];
			c.term = UINT32_MAX;
			c.tier = sc->keylen == klen ? TIER_CODE : TIER_PREFIX;
			c.rank = 0;
			c.len = sc->keylen;
			heap_push(&h, &c);
			(*total)++;
		}
	}
	to_hits(r, &h, out, n);
	return 0;
}

/* Where the phrase (" w1 w2 … wn", the last word a prefix when partial)
 * is in the term's norm: 0 the whole term, 1 its start, 2 further in,
 * -1 nowhere. */
static int
phrase_at(const struct sterm *t, const char *phrase, size_t len,
    int partial)
{
	const char	*norm = S(t->norm), *p, *f;

	for (p = norm; (f = strstr(p, phrase)) != NULL; p = f + 1) {
		if (!partial && f[len] != ' ')
			continue;
		if (f != norm)
			return 2;
		return f[len] == ' ' && f[len + 1] == '\0' ? 0 : 1;
	}
	return -1;
}

/* Does term t have every query word: full words by id, the partial last
 * word as any word id in [plo, phi)? */
static int
term_matches(const struct sterm *t, const long *id, size_t nfull,
    int partial, size_t plo, size_t phi)
{
	const uint32_t	*tok = ix.toks + t->tok;
	size_t		 i, j;

	for (i = 0; i < nfull; i++) {
		for (j = 0; j < t->ntok; j++)
			if (tok[j] == (uint32_t)id[i])
				break;
		if (j == t->ntok)
			return 0;
	}
	if (partial) {
		for (j = 0; j < t->ntok; j++)
			if (tok[j] >= plo && tok[j] < phi)
				break;
		if (j == t->ntok)
			return 0;
	}
	return 1;
}

int
smem_words(struct req *r, char *const *words, size_t nw, int partial,
    unsigned setmask, int billable, size_t want, struct hit **out,
    size_t *n, long long *total)
{
	long		 id[SEARCH_WORDS_MAX];
	size_t		 plo = 0, phi = 0, i, j, k, lo, hi, ntouched = 0;
	size_t		 best = 0, bestn = SIZE_MAX, scanned = 0, nfull;
	struct buf	 phrase;
	struct heap	 h;
	struct cand	 c;
	uint8_t		 tier, rank;
	uint32_t	 key;
	int		 at, same;

	*n = 0;
	*total = 0;
	if (smem_refresh(r) == -1)
		return -1;
	if (nw == 0 || nw > SEARCH_WORDS_MAX)
		return 0;
	/* Full words must be known; the partial last one a known prefix. */
	nfull = partial ? nw - 1 : nw;
	for (i = 0; i < nfull; i++) {
		if ((id[i] = word_find(words[i])) == -1)
			return 0;
		if (ix.words[id[i]].npost < bestn) {
			bestn = ix.words[id[i]].npost;
			best = i;
		}
	}
	if (partial) {
		word_range(words[nw - 1], &plo, &phi);
		if (plo == phi)
			return 0;
		/* A lone letter or two would read most of the index: take
		 * the word itself, not everything it begins. */
		if (nw == 1 && strlen(words[0]) < 3) {
			if ((id[0] = word_find(words[0])) == -1)
				return 0;
			plo = (size_t)id[0];
			phi = plo + 1;
		}
		for (i = plo, k = 0; i < phi && k < bestn; i++)
			k += ix.words[i].npost;
		if (k < bestn)
			best = nw - 1;
	}
	if (partial && best == nw - 1) {
		lo = plo;
		hi = phi;
	} else {
		lo = (size_t)id[best];
		hi = lo + 1;
	}
	buf_init(&phrase, 64);
	for (i = 0; i < nw; i++) {
		buf_addc(&phrase, ' ');
		buf_adds(&phrase, words[i]);
	}

	/* Each code keeps its best term: a phrase in a title, every word
	 * in a title, every word in an index, inclusion or lay term. */
	for (k = lo; k < hi && scanned < PREFIX_SCAN_MAX; k++) {
		const struct sword *w = &ix.words[k];

		for (j = 0; j < w->npost; j++, scanned++) {
			uint32_t		 ti = ix.posts[w->post + j];
			const struct sterm	*t = &ix.terms[ti];

			if (!want_code(&ix.codes[t->code], setmask, billable) ||
			    !term_matches(t, id, nfull, partial, plo, phi))
				continue;
			if (nw == 1) {
				/* One word: its position among the term's
				 * words (listed in order) says it all. */
				uint32_t f = ix.toks[t->tok];
				int hit0 = partial ? f >= plo && f < phi :
				    f == (uint32_t)id[0];
				int whole = t->ntok == 1 && (!partial ||
				    ix.words[f].len == phrase.len - 1);

				at = hit0 ? (whole ? 0 : 1) : 2;
			} else
				at = phrase_at(t, phrase.data, phrase.len,
				    partial);
			/* Every word of the term is a query word: the
			 * query says the term, in some order. */
			same = t->ntok == nw;
			if (t->kind == KIND_TITLE) {
				tier = at >= 0 || same ? TIER_PHRASE :
				    TIER_WORDS;
				rank = at == 0 ? 0 : at == 1 || same ? 1 : 2;
			} else if (t->kind == KIND_SHORT) {
				/* Abbreviations: never better than words. */
				tier = TIER_WORDS;
				rank = 2;
			} else if (at == 0 || same) {
				/* A term that is the query: the index's own
				 * answer ("Hives", "Pain, back" for "back
				 * pain"). */
				tier = TIER_PHRASE;
				rank = at == 0 ? 0 : 1;
			} else {
				tier = TIER_TERM;
				rank = at == 1 ? 1 : 2;
			}
			key = (uint32_t)tier << 24 | (uint32_t)rank << 16 |
			    t->normlen;
			if (ix.best[t->code] == 0)
				ix.touched[ntouched++] = t->code;
			else if (ix.bestkey[t->code] <= key)
				continue;
			ix.best[t->code] = 1;
			ix.bestkey[t->code] = key;
			ix.bestterm[t->code] = ti;
		}
	}
	buf_release(&phrase);

	h.cap = want;
	h.n = 0;
	h.v = arena_calloc(r->arena, want + 1, sizeof(*h.v));
	for (i = 0; i < ntouched; i++) {
		uint32_t code = ix.touched[i];

		c.code = code;
		c.term = ix.bestterm[code];
		c.tier = (uint8_t)(ix.bestkey[code] >> 24);
		c.rank = (uint8_t)(ix.bestkey[code] >> 16);
		c.len = (uint16_t)ix.bestkey[code];
		heap_push(&h, &c);
		ix.best[code] = 0;
	}
	*total = (long long)ntouched;
	to_hits(r, &h, out, n);
	return 0;
}

/* Optimal string alignment distance, or max + 1 when it is over max. */
static size_t
distance(const char *a, size_t la, const char *b, size_t lb, size_t max)
{
	size_t	 d[3][SEARCH_WORD_BYTES + 2], i, j, v, rowmin;
	size_t	*pp, *p, *cur;

	if (la > SEARCH_WORD_BYTES || lb > SEARCH_WORD_BYTES)
		return max + 1;
	if ((la > lb ? la - lb : lb - la) > max)
		return max + 1;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	pp = d[2];
	p = d[0];
	cur = d[1];
	for (i = 1; i <= la; i++) {
		cur[0] = i;
		rowmin = i;
		for (j = 1; j <= lb; j++) {
			v = p[j - 1] + (a[i - 1] != b[j - 1]);
			if (p[j] + 1 < v)
				v = p[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && pp[j - 2] + 1 < v)
				v = pp[j - 2] + 1;
			cur[j] = v;
			if (v < rowmin)
				rowmin = v;
		}
		if (rowmin > max)
			return max + 1;
		{
			size_t *t = pp;
			pp = p;
			p = cur;
			cur = t;
		}
	}
	return p[lb];
}

/* The closest known word to w within max edits, most frequent on ties;
 * NULL if none. Only words with the same first letter are tried: people
 * rarely mistype it, and it keeps the scan to a small slice. */
static const char *
closest(const char *w, size_t max)
{
	size_t		 len = strlen(w), i, lo, hi, d, bestd = max + 1;
	const char	*best = NULL;
	uint32_t	 bestn = 0;
	char		 first[2] = { w[0], '\0' };

	word_range(first, &lo, &hi);
	for (i = lo; i < hi; i++) {
		const struct sword *sw = &ix.words[i];

		if ((sw->len > len ? sw->len - len : len - sw->len) > max ||
		    sw->len < 3)
			continue;
		d = distance(w, len, S(sw->str), sw->len, max);
		if (d < bestd || (d == bestd && d <= max &&
		    sw->npost > bestn)) {
			bestd = d;
			best = S(sw->str);
			bestn = sw->npost;
		}
	}
	return best;
}

int
smem_spell(struct req *r, char *const *words, size_t nw, int partial,
    char **fixed)
{
	size_t	 i, len, lo, hi;

	if (smem_refresh(r) == -1)
		return -1;
	for (i = 0; i < nw; i++) {
		fixed[i] = words[i];
		len = strlen(words[i]);
		/* Codes and numbers are not misspelt words. */
		if (len < 4 || strpbrk(words[i], "0123456789") != NULL ||
		    word_find(words[i]) != -1)
			continue;
		if (partial && i == nw - 1) {
			word_range(words[i], &lo, &hi);
			if (lo < hi)
				continue;
		}
		{
			const char *c = closest(words[i], len <= 5 ? 1 : 2);

			if (c != NULL)
				fixed[i] = arena_strdup(r->arena, c);
		}
	}
	return 0;
}
