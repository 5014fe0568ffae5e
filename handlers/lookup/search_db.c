/*
 * search_db.c: the SQL of search that is not the in-memory index
 * (search_mem.c): the live release versions the API names.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "db.h"
#include "req.h"
#include "search.h"

enum {
	STMT_SEARCH_RELEASES,
	STMT_SEARCH__MAX
};

const struct stmt search_stmts[STMT_SEARCH__MAX + 1] = {
	{ "search_releases",
	  "SELECT dataset, version FROM app.releases WHERE is_live "
	  "AND dataset IN ('cpt', 'hcpcs', 'icd10cm', 'icd10pcs') "
	  "ORDER BY dataset", 0,
	  DB_READONLY }, /* STMT_SEARCH_RELEASES */
	{ NULL, NULL, 0, 0 },
};

int
db_search_releases(struct req *r, const char ***sets,
    const char ***versions, size_t *n)
{
	PGresult	*res;
	const char	**s, **v;
	int		 i, rows;

	if ((res = db_exec(r, &search_stmts[STMT_SEARCH_RELEASES], NULL)) ==
	    NULL)
		return -1;
	rows = PQntuples(res);
	s = arena_calloc(r->arena, (size_t)rows + 1, sizeof(*s));
	v = arena_calloc(r->arena, (size_t)rows + 1, sizeof(*v));
	for (i = 0; i < rows; i++) {
		s[i] = db_str(res, i, 0);
		v[i] = db_str(res, i, 1);
	}
	*sets = s;
	*versions = v;
	*n = (size_t)rows;
	return 0;
}
