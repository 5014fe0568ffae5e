/*
 * medcode-lookup: code pages, search and browse. This file is the spec:
 * the route table, the field table, and the site-wide template values.
 * The statement tables are beside their pages (db.c for the code page).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "db.h"
#include "lookup.h"
#include "premium.h"
#include "req.h"
#include "route.h"
#include "search.h"
#include "serve.h"
#include "tmpl.h"
#include "util.h"
#include "valid.h"

/* Routes, grouped by page file. */
static const struct route routes[] = {
	/* page_code.c */
	{ METHOD_GET, "/codes/{set}/{code}", page_code, 0 },
	{ METHOD_GET, "/api/codes/{set}/{code}", page_api_code, ROUTE_JSON },
	/* page_search.c */
	{ METHOD_GET, "/search", page_search, 0 },
	{ METHOD_GET, "/api/search", page_api_search, ROUTE_JSON },
	/* page_browse.c */
	{ METHOD_GET, "/codes/{set}", page_set, 0 },
	/* page_premium.c */
	{ METHOD_GET, "/ncci", page_ncci, 0 },
	{ METHOD_GET, "/codes/{set}/{code}/ncci", page_ncci_list, 0 },
	{ METHOD_GET, "/api/ncci/pair", page_api_ncci_pair, ROUTE_JSON },
	{ METHOD_GET, "/api/mue/{code}", page_api_mue, ROUTE_JSON },
	{ METHOD_GET, "/api/fee/{code}", page_api_fee, ROUTE_JSON },
	{ METHOD_GET, "/modifiers", page_modifiers, 0 },
	{ METHOD_GET, "/pos", page_pos, 0 },
	{ METHOD__MAX, NULL, NULL, 0 },
};

/* Fields, in the order of enum field_id (lookup.h). */
static const struct field fields[F__MAX] = {
	{ "q", valid_text, 200, 0 }, /* F_Q */
	/* search */
	/* (search pages with "page", F_BROWSE_PAGE, declared once) */
	{ "set", valid_codesets, 64, 0 }, /* F_SET */
	{ "billable", valid_bool, 8, 0 }, /* F_BILLABLE */
	{ "limit", valid_u64, 8, 0 }, /* F_LIMIT */
	{ "offset", valid_u64, 12, 0 }, /* F_OFFSET */
	/* browse */
	{ "page", valid_u64, 16, 0 }, /* F_BROWSE_PAGE */
	/* premium */
	{ "codes", valid_codes_text, 8192, 0 }, /* F_CODES */
	{ "setting", valid_text, 16, 0 }, /* F_SETTING */
	{ "date", valid_date, 10, 0 }, /* F_DATE */
	{ "locality", valid_text, 16, 0 }, /* F_LOCALITY */
	{ "year", valid_u64, 4, 0 }, /* F_YEAR */
	{ "modifier", valid_text, 4, 0 }, /* F_MODIFIER */
	{ "role", valid_text, 8, 0 }, /* F_ROLE */
	{ "status", valid_text, 8, 0 }, /* F_STATUS */
	{ "c1", valid_text, 32, 0 }, /* F_C1 */
	{ "c2", valid_text, 32, 0 }, /* F_C2 */
};

/* The live releases, for every page's footer and the search API: read at
 * most once a minute per worker (a release switch shows within a
 * minute). Strings are process memory, replaced at the next refresh. */
#define RELEASES_TTL	60

static struct {
	time_t		 at;
	size_t		 n;
	struct release	 v[16];
} rel;

const struct release *
live_releases(struct req *r, size_t *np)
{
	struct release	*v;
	size_t		 n, i;
	time_t		 now = time(NULL);

	if (rel.at == 0 || now - rel.at >= RELEASES_TTL) {
		if (db_releases_live(r, &v, &n) == -1) {
			r->dbstatus = 0;  /* the footer is not worth a 503 */
		} else {
			for (i = 0; i < rel.n; i++) {
				free((char *)rel.v[i].dataset);
				free((char *)rel.v[i].label);
				free((char *)rel.v[i].version);
				free((char *)rel.v[i].effective);
			}
			rel.n = 0;
			for (i = 0; i < n && i < NITEMS(rel.v); i++, rel.n++) {
				rel.v[rel.n].dataset = xstrdup(v[i].dataset);
				rel.v[rel.n].label = xstrdup(v[i].label);
				rel.v[rel.n].version = xstrdup(v[i].version);
				rel.v[rel.n].effective =
				    xstrdup(v[i].effective);
				rel.v[rel.n].licensed = v[i].licensed;
			}
			rel.at = now;
		}
	}
	*np = rel.n;
	return rel.v;
}

static void
decorate(struct req *r, struct tdict *d)
{
	const struct release	*v;
	struct tdict		*it;
	size_t			 n, i;

	v = live_releases(r, &n);
	tdict_list(d, "releases");
	for (i = 0; i < n; i++) {
		it = tdict_push(d, "releases");
		tdict_str(it, "label", v[i].label);
	}
	if (r->field != NULL && r->field[F_Q] != NULL)
		tdict_str(d, "q", r->field[F_Q]->s);
}

static const struct stmt *const stmt_tables[] = {
	code_stmts,
	smem_stmts,
	browse_stmts,
	/* search, browse, premium tables */
	premium_stmts,
	NULL,
};

static const struct spec spec = {
	"lookup",
	routes,
	fields,
	F__MAX,
	stmt_tables,
	NULL,
	decorate,
	smem_warm,
};

int
main(int argc, char *argv[])
{
	return serve(&spec, argc, argv);
}
