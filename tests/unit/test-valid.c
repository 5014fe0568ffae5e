/*
 * test-valid: the validators, each with its accepted and its rejected
 * inputs: malformed UTF-8 (overlongs, surrogates, truncation, > U+10FFFF),
 * NUL and control bytes, overflowing numbers, impossible dates.
 */
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "codeset.h"
#include "tap.h"
#include "util.h"
#include "valid.h"

static struct arena	*a;
static struct fval	 v;

static const char *
run(valid_fn fn, const char *s, size_t len)
{
	memset(&v, 0, sizeof(v));
	v.i = -7;
	v.s = s;
	v.len = len;
	return fn(&v, a);
}

/* Printable form of s for a TAP description (control bytes as \xNN). */
static const char *
show(const char *s)
{
	static char	 out[128];
	size_t		 n = 0;

	for (; *s != '\0' && n + 5 < sizeof(out); s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			n += (size_t)snprintf(out + n, sizeof(out) - n,
			    "\\x%02x", (unsigned char)*s);
		else
			out[n++] = *s;
	}
	out[n] = '\0';
	return out;
}

#define RUN(fn, s)	run(fn, (s), strlen(s))
#define OK(fn, s)	ok(RUN(fn, s) == NULL, #fn " accepts \"%s\"", show(s))
#define BAD(fn, s)	ok(RUN(fn, s) != NULL, #fn " rejects \"%s\"", show(s))

int
main(void)
{
	size_t		 i;
	char		*big;
	static const struct { const char *s; size_t len; const char *what; }
	    utf8_bad[] = {
		{ "\x80", 1, "lone continuation" },
		{ "\xbf", 1, "lone continuation bf" },
		{ "\xc0\x80", 2, "overlong NUL (c0 80)" },
		{ "\xc1\xbf", 2, "overlong c1" },
		{ "\xe0\x80\xaf", 3, "overlong 3-byte slash" },
		{ "\xe0\x9f\xbf", 3, "overlong 3-byte max" },
		{ "\xf0\x80\x80\xaf", 4, "overlong 4-byte" },
		{ "\xf0\x8f\xbf\xbf", 4, "overlong 4-byte max" },
		{ "\xed\xa0\x80", 3, "surrogate D800" },
		{ "\xed\xbf\xbf", 3, "surrogate DFFF" },
		{ "\xf4\x90\x80\x80", 4, "U+110000" },
		{ "\xf5\x80\x80\x80", 4, "f5 lead" },
		{ "\xff", 1, "ff" },
		{ "\xfe", 1, "fe" },
		{ "\xc3", 1, "truncated 2-byte" },
		{ "\xe2\x82", 2, "truncated 3-byte" },
		{ "\xf0\x9f\x98", 3, "truncated 4-byte" },
		{ "a\xc3(b", 4, "bad continuation" },
		{ "\xe2(\xa1", 3, "bad second of 3" },
		{ "\xe2\x82(", 3, "bad third of 3" },
		{ "\xf0\x9f\x98(", 4, "bad fourth of 4" },
		{ "\xf8\x88\x80\x80\x80", 5, "5-byte form" },
	};
	static const struct { const char *s; size_t len; const char *what; }
	    utf8_ok[] = {
		{ "", 0, "empty" },
		{ "plain", 5, "ASCII" },
		{ "\xc2\x80", 2, "U+0080" },
		{ "caf\xc3\xa9", 5, "2-byte" },
		{ "\xe0\xa0\x80", 3, "U+0800" },
		{ "\xe2\x82\xac", 3, "euro" },
		{ "\xed\x9f\xbf", 3, "U+D7FF" },
		{ "\xee\x80\x80", 3, "U+E000" },
		{ "\xef\xbf\xbf", 3, "U+FFFF" },
		{ "\xf0\x90\x80\x80", 4, "U+10000" },
		{ "\xf0\x9f\x98\x80", 4, "emoji" },
		{ "\xf4\x8f\xbf\xbf", 4, "U+10FFFF" },
		{ "a\0b", 3, "NUL is well-formed UTF-8" },
	};

	a = arena_new();

	for (i = 0; i < NITEMS(utf8_ok); i++)
		ok(valid_utf8(utf8_ok[i].s, utf8_ok[i].len), "utf8 ok: %s",
		    utf8_ok[i].what);
	for (i = 0; i < NITEMS(utf8_bad); i++) {
		ok(!valid_utf8(utf8_bad[i].s, utf8_bad[i].len),
		    "utf8 bad: %s", utf8_bad[i].what);
		ok(!valid_text_bytes(utf8_bad[i].s, utf8_bad[i].len, 1),
		    "text bytes bad: %s", utf8_bad[i].what);
		ok(run(valid_text, utf8_bad[i].s, utf8_bad[i].len) != NULL,
		    "valid_text bad: %s", utf8_bad[i].what);
	}
	ok(valid_utf8("\xc3\xa9", 1) == 0, "length respected (cut sequence)");

	ok(valid_text_bytes("a\tb", 3, 0), "tab ok single-line");
	ok(!valid_text_bytes("a\nb", 3, 0), "LF bad single-line");
	ok(!valid_text_bytes("a\rb", 3, 0), "CR bad single-line");
	ok(valid_text_bytes("a\r\nb", 4, 1), "CRLF ok multiline");
	ok(!valid_text_bytes("a\0b", 3, 1), "NUL in the middle bad");
	ok(!valid_text_bytes("\0", 1, 0), "lone NUL bad");
	ok(!valid_text_bytes("a\x01", 2, 1), "SOH bad");
	ok(!valid_text_bytes("a\x1b[31m", 6, 1), "ESC bad");
	ok(!valid_text_bytes("\x7f", 1, 1), "DEL bad");
	ok(!valid_text_bytes("\xc2\x85", 2, 1), "C1 NEL bad");
	ok(!valid_text_bytes("\xc2\x9f", 2, 1), "C1 9F bad");
	ok(valid_text_bytes("\xc2\xa0", 2, 0), "NBSP ok");
	ok(valid_text_bytes("", 0, 0), "empty ok");
	is_int(valid_utf8_len("caf\xc3\xa9\xf0\x9f\x98\x80", 9), 5,
	    "character count");

	/* valid_text */
	OK(valid_text, "hello");
	is_str(v.s, "hello", "unchanged");
	OK(valid_text, "  padded\t ");
	is_str(v.s, "padded", "trimmed");
	is_int(v.len, 6, "trimmed length");
	OK(valid_text, "   ");
	is_str(v.s, "", "all blank becomes empty");
	is_int(v.len, 0, "all blank length");
	OK(valid_text, "");
	OK(valid_text, "inner  \t space kept");
	is_str(v.s, "inner  \t space kept", "inner space kept");
	OK(valid_text, "caf\xc3\xa9 <b>&");
	BAD(valid_text, "two\nlines");
	BAD(valid_text, "cr\r");
	ok(run(valid_text, "a\0b", 3) != NULL, "valid_text rejects NUL");
	big = arena_alloc(a, VALID_TEXT_MAX + 2);
	memset(big, 'x', VALID_TEXT_MAX + 1);
	big[VALID_TEXT_MAX + 1] = '\0';
	ok(run(valid_text, big, VALID_TEXT_MAX) == NULL, "at the limit");
	ok(run(valid_text, big, VALID_TEXT_MAX + 1) != NULL, "over the limit");
	ok(run(valid_text, "\xc3\xa9\xc3\xa9\xc3\xa9", 6) == NULL &&
	    valid_text_limit(&v, a, 3) == NULL, "limit counts characters");
	ok(run(valid_text, "\xc3\xa9\xc3\xa9\xc3\xa9", 6) == NULL &&
	    valid_text_limit(&v, a, 2) != NULL,
	    "limit counts characters, over");

	/* valid_multiline */
	OK(valid_multiline, "a\r\nb\rc\nd");
	is_str(v.s, "a\nb\nc\nd", "line ends become LF");
	OK(valid_multiline, "  keep lead\n\n  \n");
	is_str(v.s, "  keep lead", "trailing space dropped, leading kept");
	OK(valid_multiline, "");
	BAD(valid_multiline, "bell\a");
	ok(run(valid_multiline, "a\0b", 3) != NULL, "multiline rejects NUL");

	/* valid_u64, valid_int */
	OK(valid_u64, "0");
	is_int(v.i, 0, "u64 0");
	OK(valid_u64, "9223372036854775807");
	ok(v.i == INT64_MAX, "u64 max");
	BAD(valid_u64, "9223372036854775808");
	is_int(v.i, -7, "u64 untouched on error");
	BAD(valid_u64, "-1");
	BAD(valid_u64, "");
	BAD(valid_u64, " 1");
	BAD(valid_u64, "1 ");
	BAD(valid_u64, "+1");
	BAD(valid_u64, "1.5");
	BAD(valid_u64, "one");
	BAD(valid_u64, "0x1");
	ok(run(valid_u64, "1\0" "2", 3) != NULL, "u64 rejects NUL");
	is_str(RUN(valid_u64, "x"), "must be a whole number", "u64 message");
	is_str(RUN(valid_u64, "-5"), "must not be negative",
	    "u64 negative msg");
	is_str(RUN(valid_u64, "99999999999999999999"), "is too large",
	    "u64 large message");
	OK(valid_int, "-9223372036854775808");
	ok(v.i == INT64_MIN, "int min");
	OK(valid_int, "-12");
	is_int(v.i, -12, "int -12");
	BAD(valid_int, "-9223372036854775809");
	BAD(valid_int, "--1");
	BAD(valid_int, "-");

	/* valid_bool */
	static const char *const yes[] = { "1", "true", "on", "yes", "TRUE",
	    "Yes" };
	static const char *const no[] = { "0", "false", "off", "no", "",
	    "No" };
	static const char *const neither[] = { "2", "y", "n", "truee", " 1",
	    "1 ", "-1", "nope", "t" };
	for (i = 0; i < NITEMS(yes); i++) {
		OK(valid_bool, yes[i]);
		is_int(v.i, 1, "bool \"%s\" is 1", yes[i]);
	}
	for (i = 0; i < NITEMS(no); i++) {
		OK(valid_bool, no[i]);
		is_int(v.i, 0, "bool \"%s\" is 0", no[i]);
	}
	for (i = 0; i < NITEMS(neither); i++)
		BAD(valid_bool, neither[i]);
	ok(run(valid_bool, "1\0", 2) != NULL, "bool rejects trailing NUL");

	/* valid_email */
	OK(valid_email, "a@example.com");
	OK(valid_email, " Jane.Doe+tag@Example.COM ");
	is_str(v.s, "Jane.Doe+tag@example.com", "trim, domain lower-cased");
	OK(valid_email, "x@sub-domain.example.org");
	OK(valid_email, "o'neil@example.ie");
	static const char *const email_bad[] = { "", "a", "a@", "@example.com",
	    "a@example", "a@@example.com", "a@b@example.com", "a b@example.com",
	    ".a@example.com", "a.@example.com", "a..b@example.com",
	    "a@-example.com", "a@example-.com", "a@example..com",
	    "a@.example.com", "a@example.com.", "a@example.c", "a@example.c0m",
	    "a@exa_mple.com", "a<b>@example.com", "a@example.com\n",
	    "\"a\"@example.com", "a@[127.0.0.1]", "caf\xc3\xa9@example.com",
	    "a@ex\xc3\xa4mple.com" };
	for (i = 0; i < NITEMS(email_bad); i++)
		BAD(valid_email, email_bad[i]);
	ok(run(valid_email, "a\0@example.com", 14) != NULL, "email NUL");
	big = arena_alloc(a, 300);
	memset(big, 'a', 64);
	big[64] = '@';
	for (i = 65; i < 250; i++)
		big[i] = (i % 60 == 0) ? '.' : 'b';
	memcpy(big + 250, ".com", 5);
	ok(run(valid_email, big, 254) == NULL, "254 bytes ok");
	memmove(big + 1, big, 255);
	ok(run(valid_email, big, 255) != NULL, "255 bytes too long");
	memset(big, 'a', 65);
	memcpy(big + 65, "@example.com", 13);
	ok(RUN(valid_email, big) != NULL, "local part of 65 too long");
	big[0] = '\0';

	/* valid_date */
	OK(valid_date, "2025-10-01");
	is_int(v.i, 20251001, "date as YYYYMMDD");
	OK(valid_date, "2024-02-29");
	OK(valid_date, "2000-02-29");
	OK(valid_date, "1900-01-01");
	OK(valid_date, "2100-12-31");
	OK(valid_date, "2025-12-31");
	static const char *const date_bad[] = { "", "2025-1-01", "2025-01-1",
	    "25-10-01", "2025/10/01", "2025-13-01", "2025-00-10", "2025-01-00",
	    "2025-01-32", "2025-04-31", "2023-02-29", "1900-02-29",
	    "2100-02-29", "1899-12-31", "2101-01-01", "2025-10-01x",
	    " 2025-10-01", "2025-1a-01", "-025-10-01", "2025--1-01",
	    "2025-10-+1", "20251001", "2025-10-01T00:00" };
	for (i = 0; i < NITEMS(date_bad); i++)
		BAD(valid_date, date_bad[i]);

	/* valid_codeset(s) */
	OK(valid_codeset, "icd10cm");
	is_int(v.i, CODESET_ICD10CM, "codeset value");
	OK(valid_codeset, "cpt");
	is_int(v.i, CODESET_CPT, "codeset cpt");
	BAD(valid_codeset, "ICD10CM");
	BAD(valid_codeset, "");
	BAD(valid_codeset, "icd10");
	BAD(valid_codeset, " cpt");
	OK(valid_codesets, "icd10cm,cpt");
	is_int(v.i, (1 << CODESET_ICD10CM) | (1 << CODESET_CPT), "mask");
	OK(valid_codesets, "hcpcs");
	is_int(v.i, 1 << CODESET_HCPCS, "single");
	OK(valid_codesets, " icd10pcs , hcpcs,hcpcs ");
	is_int(v.i, (1 << CODESET_ICD10PCS) | (1 << CODESET_HCPCS),
	    "spaces and repeats");
	OK(valid_codesets, "");
	is_int(v.i, 0, "empty is mask 0");
	BAD(valid_codesets, ",");
	BAD(valid_codesets, "cpt,");
	BAD(valid_codesets, ",cpt");
	BAD(valid_codesets, "cpt,,hcpcs");
	BAD(valid_codesets, "cpt;hcpcs");
	BAD(valid_codesets, "cpt,nope");

	/* valid_code */
	OK(valid_code, " k92.2 ");
	is_str(v.s, "K922", "code normalised");
	is_int(v.len, 4, "code length");
	is_int(v.i, 1 << CODESET_ICD10CM, "code mask");
	OK(valid_code, "0DTJ4ZZ");
	is_int(v.i, 1 << CODESET_ICD10PCS, "code mask PCS");
	OK(valid_code, "99213");
	OK(valid_code, "a4253");
	is_str(v.s, "A4253", "HCPCS normalised");
	BAD(valid_code, "");
	BAD(valid_code, "K9");
	BAD(valid_code, "hello");
	BAD(valid_code, "K92.2;DROP");
	BAD(valid_code, "S72001AB");
	ok(run(valid_code, "K92\0", 4) != NULL, "code NUL");

	codeset_free();
	arena_free(a);
	return done_testing();
}
