/*
 * codeset: code-set names and formats; see codeset.h. The formats are
 * PCRE2 patterns compiled once (re.c); keys are at most 7 characters, so
 * normalising into a stack buffer first keeps matching trivial.
 */
#include <string.h>

#include "codeset.h"
#include "log.h"
#include "re.h"

struct codeset_info {
	const char	*name;
	const char	*label;
	const char	*full;		/* the whole-code format */
	const char	*prefix;	/* how a code can begin */
};

/* PCS: digits and letters except I and O. */
#define PCS_CHAR	"[0-9A-HJ-NP-Z]"

static const struct codeset_info sets[CODESET__MAX] = {
	{ "cpt", "CPT\xc2\xae",
	    "[0-9]{4}[0-9FTUM]",
	    "[0-9]{1,4}|[0-9]{4}[0-9FTUM]" }, /* CODESET_CPT */
	{ "hcpcs", "HCPCS",
	    "[A-Z][0-9]{4}",
	    "[A-Z][0-9]{0,4}" }, /* CODESET_HCPCS */
	{ "icd10cm", "ICD-10-CM",
	    "[A-Z][0-9][0-9A-Z](?:[0-9A-Z]{1,4})?",
	    "[A-Z](?:[0-9](?:[0-9A-Z]{1,5})?)?" }, /* CODESET_ICD10CM */
	{ "icd10pcs", "ICD-10-PCS",
	    PCS_CHAR "{7}|" PCS_CHAR "{3}",
	    PCS_CHAR "{1,7}" }, /* CODESET_ICD10PCS */
};

static struct re	*full_re[CODESET__MAX];
static struct re	*prefix_re[CODESET__MAX];
static int		 inited;

int
codeset_init(void)
{
	size_t	 i;

	if (inited)
		return 0;
	for (i = 0; i < CODESET__MAX; i++) {
		if ((full_re[i] = re_new(sets[i].full, 0)) == NULL ||
		    (prefix_re[i] = re_new(sets[i].prefix, 0)) == NULL) {
			codeset_free();
			return -1;
		}
	}
	inited = 1;
	return 0;
}

void
codeset_free(void)
{
	size_t	 i;

	for (i = 0; i < CODESET__MAX; i++) {
		re_free(full_re[i]);
		re_free(prefix_re[i]);
		full_re[i] = prefix_re[i] = NULL;
	}
	inited = 0;
}

int
codeset_from_name(const char *s, size_t len)
{
	size_t	 i;

	if (s == NULL)
		return -1;
	for (i = 0; i < CODESET__MAX; i++)
		if (strlen(sets[i].name) == len &&
		    memcmp(sets[i].name, s, len) == 0)
			return (int)i;
	return -1;
}

const char *
codeset_name(enum code_set set)
{
	if ((unsigned)set >= CODESET__MAX)
		return NULL;
	return sets[set].name;
}

const char *
codeset_label(enum code_set set)
{
	if ((unsigned)set >= CODESET__MAX)
		return NULL;
	return sets[set].label;
}

int
codeset_normalise(const char *in, size_t len, char *out, size_t outsz)
{
	size_t	 i, n = 0;
	char	 c;

	if (in == NULL || len > CODESET_INPUT_MAX || outsz == 0)
		return -1;
	for (i = 0; i < len; i++) {
		c = in[i];
		if (c == ' ' || c == '\t' || c == '.' || c == '-')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		else if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
			return -1;
		if (n + 1 >= outsz)
			return -1;
		out[n++] = c;
	}
	out[n] = '\0';
	return 0;
}

int
codeset_key(enum code_set set, const char *in, size_t len, char *out,
    size_t outsz)
{
	char	 key[CODESET_INPUT_MAX + 1];

	if ((unsigned)set >= CODESET__MAX || codeset_init() == -1)
		return -1;
	if (codeset_normalise(in, len, key, sizeof(key)) == -1 ||
	    key[0] == '\0')
		return -1;
	if (re_match(full_re[set], key, strlen(key)) != 1)
		return -1;
	if (strlen(key) >= outsz)
		return -1;
	memcpy(out, key, strlen(key) + 1);
	return 0;
}

int
codeset_display(enum code_set set, const char *key, char *out, size_t outsz)
{
	size_t	 len;

	if ((unsigned)set >= CODESET__MAX || key == NULL)
		return -1;
	len = strlen(key);
	if (set == CODESET_ICD10CM && len > 3) {
		if (len + 1 >= outsz)
			return -1;
		memcpy(out, key, 3);
		out[3] = '.';
		memcpy(out + 4, key + 3, len - 3 + 1);
		return 0;
	}
	if (len >= outsz)
		return -1;
	memcpy(out, key, len + 1);
	return 0;
}

static unsigned
guess(struct re **res, const char *in, size_t len)
{
	char		 key[CODESET_INPUT_MAX + 1];
	unsigned	 mask = 0;
	size_t		 i, n;

	if (codeset_init() == -1)
		return 0;
	if (codeset_normalise(in, len, key, sizeof(key)) == -1 ||
	    (n = strlen(key)) == 0)
		return 0;
	for (i = 0; i < CODESET__MAX; i++)
		if (re_match(res[i], key, n) == 1)
			mask |= 1u << i;
	return mask;
}

unsigned
codeset_guess(const char *in, size_t len)
{
	return guess(full_re, in, len);
}

unsigned
codeset_guess_prefix(const char *in, size_t len)
{
	return guess(prefix_re, in, len);
}
