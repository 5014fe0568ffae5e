/*
 * valid: field validators (kcgi kvalid). Each is pure computation - no
 * I/O, no process state but the compiled code-set patterns - so it can be
 * unit-tested and fuzzed. The request layer runs them on decoded field
 * text; pages then read the typed value. Messages are for the person
 * filling in the form: short, starting with a verb ("must be ...").
 */
#ifndef VALID_H
#define VALID_H

#include <stddef.h>
#include <stdint.h>

struct arena;

struct fval {			/* one field value, request (arena) memory */
	const char	*s;	/* decoded text, NUL-terminated; validators may
				   point it at a normalised arena copy */
	size_t		 len;
	int64_t		 i;	/* set by integer/boolean/code-set validators */
	double		 d;
};

/*
 * A validator checks v->s/v->len and may set v->i/v->d or point v->s (and
 * v->len) at a normalised copy made in the arena. Returns NULL when valid,
 * else a short static message.
 */
typedef const char *(*valid_fn)(struct fval *, struct arena *);

/* Length limits of valid_text and valid_multiline, in characters. */
#define VALID_TEXT_MAX		1000
#define VALID_MULTILINE_MAX	20000

/* 1 if well-formed UTF-8: shortest forms, no surrogates, <= U+10FFFF. */
int		 valid_utf8(const char *, size_t);
/*
 * 1 if valid UTF-8 with no NUL, C0 control (tab is fine; CR and LF only
 * when multiline), DEL or C1 control (U+0080..U+009F).
 */
int		 valid_text_bytes(const char *, size_t, int multiline);
/* Number of characters (code points) in valid UTF-8. */
size_t		 valid_utf8_len(const char *, size_t);
/*
 * Single-line text of at most maxchars characters after trimming spaces
 * and tabs at both ends (v->s becomes the trimmed copy). The building
 * block of valid_text, for handlers' own length limits.
 */
const char	*valid_text_limit(struct fval *, struct arena *,
		    size_t maxchars);

/* Single-line text (valid_text_limit with VALID_TEXT_MAX). Empty is valid. */
const char	*valid_text(struct fval *, struct arena *);
/*
 * Text with line breaks: CRLF and lone CR become LF, trailing white space
 * is dropped, at most VALID_MULTILINE_MAX characters.
 */
const char	*valid_multiline(struct fval *, struct arena *);
/* 0..INT64_MAX into v->i. */
const char	*valid_u64(struct fval *, struct arena *);
/* INT64_MIN..INT64_MAX into v->i. */
const char	*valid_int(struct fval *, struct arena *);
/*
 * "1" "true" "on" "yes" -> v->i = 1; "0" "false" "off" "no" "" -> 0
 * (ASCII case ignored).
 */
const char	*valid_bool(struct fval *, struct arena *);
/*
 * Pragmatic address check: local@domain.tld, at most 254 bytes, local part
 * of at most 64 atext characters and single dots, domain labels of letters,
 * digits and inner hyphens, an alphabetic TLD of 2+ letters. Surrounding
 * spaces are trimmed and the domain lower-cased in the copy.
 */
const char	*valid_email(struct fval *, struct arena *);
/* YYYY-MM-DD, a real calendar date in 1900..2100; v->i = YYYYMMDD. */
const char	*valid_date(struct fval *, struct arena *);
/* One of cpt hcpcs icd10cm icd10pcs; v->i = enum code_set. */
const char	*valid_codeset(struct fval *, struct arena *);
/*
 * Comma-separated code-set names (spaces around items allowed, repeats
 * fine); v->i = bitmask of (1 << set). The empty string is valid, mask 0.
 */
const char	*valid_codesets(struct fval *, struct arena *);
/*
 * Text that is a code of some set after codeset_normalise; v->s becomes
 * the key ("k92.2" -> "K922") and v->i the mask of matching sets.
 */
const char	*valid_code(struct fval *, struct arena *);

#endif /* VALID_H */
