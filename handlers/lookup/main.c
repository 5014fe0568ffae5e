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
#include "req.h"
#include "route.h"
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
	/* page_browse.c */
	/* page_premium.c */
	{ METHOD__MAX, NULL, NULL, 0 },
};

/* Fields, in the order of enum field_id (lookup.h). */
static const struct field fields[F__MAX] = {
	{ "q", valid_text, 200, 0 }, /* F_Q */
	/* search */
	/* browse */
	/* premium */
};

/* The live releases, for every page's footer: read at most once a
 * minute per worker (a release switch shows within a minute). */
#define RELEASES_TTL	60

static struct {
	time_t		 at;
	size_t		 n;
	char		*label[16];
} rel;

static void
releases_refresh(struct req *r)
{
	struct release	*v;
	size_t		 n, i;
	time_t		 now = time(NULL);

	if (rel.at != 0 && now - rel.at < RELEASES_TTL)
		return;
	if (db_releases_live(r, &v, &n) == -1) {
		r->dbstatus = 0;	/* the footer is not worth a 503 */
		return;
	}
	for (i = 0; i < rel.n; i++)
		free(rel.label[i]);
	rel.n = 0;
	for (i = 0; i < n && i < NITEMS(rel.label); i++)
		rel.label[rel.n++] = xstrdup(v[i].label);
	rel.at = now;
}

static void
decorate(struct req *r, struct tdict *d)
{
	struct tdict	*it;
	size_t		 i;

	releases_refresh(r);
	tdict_list(d, "releases");
	for (i = 0; i < rel.n; i++) {
		it = tdict_push(d, "releases");
		tdict_str(it, "label", rel.label[i]);
	}
	if (r->field != NULL && r->field[F_Q] != NULL)
		tdict_str(d, "q", r->field[F_Q]->s);
}

static const struct stmt *const stmt_tables[] = {
	code_stmts,
	/* search, browse, premium tables */
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
};

int
main(int argc, char *argv[])
{
	return serve(&spec, argc, argv);
}
