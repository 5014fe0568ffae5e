/*
 * page_premium: the premium sections of the code page (payment, NCCI
 * edits, unit limits, modifiers, guidelines, history, similar codes).
 * Until their data is imported (the NCCI/MUE/PFS issue) every section
 * reports no data, and the page says so.
 */
#include "buf.h"
#include "lookup.h"
#include "util.h"

int
premium_body(struct req *r UNUSED, const struct code *c UNUSED,
    const char *section UNUSED, struct buf *out UNUSED)
{
	return 0;
}
