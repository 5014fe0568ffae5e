/*
 * re: PCRE2 compile/match wrappers; see re.h. Each struct re owns its code,
 * one match data and one match context, so matching allocates nothing.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>

#include "log.h"
#include "re.h"
#include "util.h"

#define RE_MATCH_LIMIT	100000
#define RE_DEPTH_LIMIT	1000

struct re {
	pcre2_code		*code;
	pcre2_match_data	*md;
	pcre2_match_context	*mctx;
};

struct re *
re_new(const char *pattern, unsigned flags)
{
	struct re	*re;
	PCRE2_UCHAR	 msg[256];
	PCRE2_SIZE	 off;
	int		 errcode, rc;

	re = xcalloc(1, sizeof(*re));
	re->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_ANCHORED | PCRE2_ENDANCHORED | flags, &errcode,
	    &off, NULL);
	if (re->code == NULL) {
		pcre2_get_error_message(errcode, msg, sizeof(msg));
		log_err("pcre2_compile \"%s\" at offset %zu: %s", pattern,
		    (size_t)off, (char *)msg);
		free(re);
		return NULL;
	}
	if ((rc = pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE)) != 0) {
		pcre2_get_error_message(rc, msg, sizeof(msg));
		log_debug("pcre2_jit_compile \"%s\": %s", pattern, (char *)msg);
	}
	re->md = pcre2_match_data_create_from_pattern(re->code, NULL);
	re->mctx = pcre2_match_context_create(NULL);
	if (re->md == NULL || re->mctx == NULL) {
		log_err("pcre2 match data/context: out of memory");
		re_free(re);
		return NULL;
	}
	pcre2_set_match_limit(re->mctx, RE_MATCH_LIMIT);
	pcre2_set_depth_limit(re->mctx, RE_DEPTH_LIMIT);
	return re;
}

int
re_match(struct re *re, const char *s, size_t len)
{
	PCRE2_UCHAR	 msg[256];
	int		 rc;

	rc = pcre2_match(re->code, (PCRE2_SPTR)s, len, 0, 0, re->md,
	    re->mctx);
	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	/* Bad UTF-8 in the subject is the client's fault, not an error. */
	if (rc <= PCRE2_ERROR_UTF8_ERR1 && rc >= PCRE2_ERROR_UTF8_ERR21)
		return 0;
	pcre2_get_error_message(rc, msg, sizeof(msg));
	log_err("pcre2_match: %s", (char *)msg);
	return -1;
}

void
re_free(struct re *re)
{
	if (re == NULL)
		return;
	pcre2_match_data_free(re->md);
	pcre2_match_context_free(re->mctx);
	pcre2_code_free(re->code);
	free(re);
}
