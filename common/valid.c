/*
 * valid: field validators; see valid.h. Order within each: bytes (UTF-8,
 * controls), then syntax, then range, as STYLE.md section 6 asks.
 */
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "codeset.h"
#include "num.h"
#include "util.h"
#include "valid.h"

/*
 * Length of the UTF-8 sequence at s[0..len), or 0 if it is not a
 * well-formed one (RFC 3629 table 3-7: no overlongs, no surrogates).
 */
static size_t
utf8_seq(const unsigned char *s, size_t len, uint32_t *cp)
{
	unsigned char	 c = s[0];
	size_t		 n, i;
	uint32_t	 v;
	unsigned char	 lo = 0x80, hi = 0xbf;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		v = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		v = c & 0x0f;
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		v = c & 0x07;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
	} else
		return 0;
	if (len < n)
		return 0;
	if (s[1] < lo || s[1] > hi)
		return 0;
	v = (v << 6) | (s[1] & 0x3f);
	for (i = 2; i < n; i++) {
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
		v = (v << 6) | (s[i] & 0x3f);
	}
	*cp = v;
	return n;
}

int
valid_utf8(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, n;
	uint32_t		 cp;

	for (i = 0; i < len; i += n) {
		if (p[i] < 0x80) {
			n = 1;
			continue;
		}
		if ((n = utf8_seq(p + i, len - i, &cp)) == 0)
			return 0;
	}
	return 1;
}

int
valid_text_bytes(const char *s, size_t len, int multiline)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, n;
	uint32_t		 cp;

	for (i = 0; i < len; i += n) {
		if ((n = utf8_seq(p + i, len - i, &cp)) == 0)
			return 0;
		if (cp == '\t')
			continue;
		if ((cp == '\n' || cp == '\r') && multiline)
			continue;
		if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
			return 0;
	}
	return 1;
}

size_t
valid_utf8_len(const char *s, size_t len)
{
	size_t	 i, n = 0;

	/* Count every byte that does not continue a sequence. */
	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static void
set_copy(struct fval *v, struct arena *a, const char *s, size_t len)
{
	v->s = arena_strndup(a, s, len);
	v->len = len;
}

const char *
valid_text_limit(struct fval *v, struct arena *a, size_t maxchars)
{
	const char	*s = v->s;
	size_t		 len = v->len;

	if (!valid_text_bytes(s, len, 0))
		return "must be plain text on one line";
	while (len > 0 && is_blank(s[0])) {
		s++;
		len--;
	}
	while (len > 0 && is_blank(s[len - 1]))
		len--;
	if (valid_utf8_len(s, len) > maxchars)
		return "is too long";
	if (len != v->len)
		set_copy(v, a, s, len);
	return NULL;
}

const char *
valid_text(struct fval *v, struct arena *a)
{
	return valid_text_limit(v, a, VALID_TEXT_MAX);
}

const char *
valid_multiline(struct fval *v, struct arena *a)
{
	char	*p;
	size_t	 i, n;

	if (!valid_text_bytes(v->s, v->len, 1))
		return "must be plain text";
	p = arena_alloc(a, v->len + 1);
	for (i = n = 0; i < v->len; i++) {
		if (v->s[i] == '\r') {
			p[n++] = '\n';
			if (i + 1 < v->len && v->s[i + 1] == '\n')
				i++;
		} else
			p[n++] = v->s[i];
	}
	while (n > 0 && (is_blank(p[n - 1]) || p[n - 1] == '\n'))
		n--;
	p[n] = '\0';
	if (valid_utf8_len(p, n) > VALID_MULTILINE_MAX)
		return "is too long";
	v->s = p;
	v->len = n;
	return NULL;
}

static const char *
int_range(struct fval *v, int64_t min, int64_t max)
{
	const char	*err;
	int64_t		 i;

	if (num_parse_i64(v->s, v->len, min, max, &i, &err) == -1) {
		if (strcmp(err, "too large") == 0)
			return "is too large";
		if (strcmp(err, "too small") == 0)
			return min == 0 ? "must not be negative" :
			    "is too small";
		return "must be a whole number";
	}
	v->i = i;
	return NULL;
}

const char *
valid_u64(struct fval *v, struct arena *a UNUSED)
{
	return int_range(v, 0, INT64_MAX);
}

const char *
valid_int(struct fval *v, struct arena *a UNUSED)
{
	return int_range(v, INT64_MIN, INT64_MAX);
}

static int
eq_nocase(const char *s, size_t len, const char *lit)
{
	size_t	 i;
	char	 c;

	if (strlen(lit) != len)
		return 0;
	for (i = 0; i < len; i++) {
		c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != lit[i])
			return 0;
	}
	return 1;
}

const char *
valid_bool(struct fval *v, struct arena *a UNUSED)
{
	static const char *const yes[] = { "1", "true", "on", "yes" };
	static const char *const no[] = { "0", "false", "off", "no", "" };
	size_t	 i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (eq_nocase(v->s, v->len, yes[i])) {
			v->i = 1;
			return NULL;
		}
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (eq_nocase(v->s, v->len, no[i])) {
			v->i = 0;
			return NULL;
		}
	return "must be yes or no";
}

static int
is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

static int
is_atext(char c)
{
	return is_alnum(c) || (c != '\0' && strchr("!#$%&'*+/=?^_`{|}~-", c)
	    != NULL);
}

const char *
valid_email(struct fval *v, struct arena *a)
{
	static const char *const msg =
	    "must be an email address like name@example.com";
	const char	*s = v->s, *at;
	size_t		 len = v->len, i, local, lab, labels = 0, tld = 0;
	int		 tld_alpha = 1;
	char		*p;

	while (len > 0 && is_blank(s[0])) {
		s++;
		len--;
	}
	while (len > 0 && is_blank(s[len - 1]))
		len--;
	if (len == 0 || len > 254)
		return msg;
	if ((at = memchr(s, '@', len)) == NULL)
		return msg;
	local = (size_t)(at - s);
	if (local == 0 || local > 64 || s[0] == '.' || s[local - 1] == '.')
		return msg;
	for (i = 0; i < local; i++) {
		if (s[i] == '.') {
			if (s[i + 1] == '.')
				return msg;
		} else if (!is_atext(s[i]))
			return msg;
	}
	/* Domain: labels separated by single dots. */
	lab = 0;
	for (i = local + 1; i <= len; i++) {
		if (i == len || s[i] == '.') {
			if (lab == 0 || lab > 63 || s[i - 1] == '-')
				return msg;
			labels++;
			tld = lab;
			lab = 0;
			tld_alpha = 1;
			continue;
		}
		if (lab == 0 && s[i] == '-')
			return msg;
		if (!is_alnum(s[i]) && s[i] != '-')
			return msg;
		lab++;
	}
	if (labels < 2 || tld < 2)
		return msg;
	for (i = len - tld; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z')))
			tld_alpha = 0;
	if (!tld_alpha)
		return msg;
	p = arena_strndup(a, s, len);
	for (i = local + 1; i < len; i++)
		if (p[i] >= 'A' && p[i] <= 'Z')
			p[i] = (char)(p[i] - 'A' + 'a');
	v->s = p;
	v->len = len;
	return NULL;
}

const char *
valid_date(struct fval *v, struct arena *a UNUSED)
{
	static const int mdays[12] =
	    { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	static const char *const msg = "must be a date like 2025-10-01";
	int64_t		 y, m, d;
	int		 dim;

	if (v->len != 10 || v->s[4] != '-' || v->s[7] != '-')
		return msg;
	if (num_parse_i64(v->s, 4, 0, 9999, &y, NULL) == -1 ||
	    num_parse_i64(v->s + 5, 2, 0, 99, &m, NULL) == -1 ||
	    num_parse_i64(v->s + 8, 2, 0, 99, &d, NULL) == -1)
		return msg;
	if (m < 1 || m > 12 || d < 1)
		return msg;
	dim = mdays[m - 1];
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		dim = 29;
	if (d > dim)
		return msg;
	if (y < 1900 || y > 2100)
		return "must be between 1900 and 2100";
	v->i = y * 10000 + m * 100 + d;
	return NULL;
}

const char *
valid_codeset(struct fval *v, struct arena *a UNUSED)
{
	int	 set;

	if ((set = codeset_from_name(v->s, v->len)) == -1)
		return "must be cpt, hcpcs, icd10cm or icd10pcs";
	v->i = set;
	return NULL;
}

const char *
valid_codesets(struct fval *v, struct arena *a UNUSED)
{
	const char	*s = v->s, *e, *end = v->s + v->len, *comma;
	int64_t		 mask = 0;
	int		 set;

	if (v->len == 0) {
		v->i = 0;
		return NULL;
	}
	for (;;) {
		comma = memchr(s, ',', (size_t)(end - s));
		e = comma == NULL ? end : comma;
		while (s < e && is_blank(*s))
			s++;
		while (e > s && is_blank(e[-1]))
			e--;
		if ((set = codeset_from_name(s, (size_t)(e - s))) == -1)
			return "must be code sets from cpt, hcpcs, icd10cm, "
			    "icd10pcs separated by commas";
		mask |= (int64_t)1 << set;
		if (comma == NULL)
			break;
		s = comma + 1;
	}
	v->i = mask;
	return NULL;
}

const char *
valid_code(struct fval *v, struct arena *a)
{
	char		 key[CODESET_INPUT_MAX + 1];
	unsigned	 mask;

	if (codeset_normalise(v->s, v->len, key, sizeof(key)) == -1 ||
	    (mask = codeset_guess(key, strlen(key))) == 0)
		return "must be a code like K92.2, 0DTJ4ZZ, A4253 or 99213";
	set_copy(v, a, key, strlen(key));
	v->i = mask;
	return NULL;
}
