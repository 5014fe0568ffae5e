/*
 * page_ref: the reference tables /modifiers (HCPCS Level II modifiers of
 * the live HCPCS release) and /pos (place-of-service codes of the live POS
 * release), each naming its release. Public pages: no metering.
 */
#include "arena.h"
#include "lookup.h"
#include "premium.h"
#include "req.h"
#include "resp.h"
#include "tmpl.h"

int
page_modifiers(struct req *r)
{
	struct hmod	*v;
	struct tdict	*d, *it;
	size_t		 n, i;

	if (db_hmods(r, NULL, &v, &n) == -1)
		return db_fail(r);
	d = tdict_new(r->arena);
	tdict_str(d, "title", "HCPCS Level II modifiers");
	tdict_str(d, "description", "Every HCPCS Level II modifier with its "
	    "title, from the CMS HCPCS file.");
	tdict_str(d, "release", n > 0 ? v[0].rel.label : NULL);
	tdict_int(d, "count", (long long)n);
	tdict_list(d, "rows");
	for (i = 0; i < n; i++) {
		it = tdict_push(d, "rows");
		tdict_str(it, "modifier", v[i].modifier);
		tdict_str(it, "title", v[i].title != NULL ? v[i].title :
		    v[i].short_title);
		tdict_str(it, "short_title", v[i].short_title);
	}
	return resp_tmpl(r, 200, "modifiers", d);
}

int
page_pos(struct req *r)
{
	struct pos	*v;
	struct tdict	*d, *it;
	size_t		 n, i;

	if (db_pos_list(r, &v, &n) == -1)
		return db_fail(r);
	d = tdict_new(r->arena);
	tdict_str(d, "title", "Place of service codes");
	tdict_str(d, "description", "The CMS place-of-service code set, with "
	    "the fee schedule's facility or non-facility rate for each.");
	tdict_str(d, "release", n > 0 ? v[0].rel.label : NULL);
	tdict_int(d, "count", (long long)n);
	tdict_list(d, "rows");
	for (i = 0; i < n; i++) {
		it = tdict_push(d, "rows");
		tdict_str(it, "code", v[i].code);
		tdict_str(it, "type", v[i].type);
		tdict_str(it, "name", v[i].name);
		tdict_str(it, "description", v[i].description);
	}
	return resp_tmpl(r, 200, "pos", d);
}
