/*
 * codeset: the four code sets (CPT, HCPCS Level II, ICD-10-CM, ICD-10-PCS)
 * and their code formats: names and labels, turning what a person types
 * into the storage key ("k92.2" -> "K922"), the display form, and guessing
 * which sets a bit of text could belong to. No database access.
 */
#ifndef CODESET_H
#define CODESET_H

#include <stddef.h>

enum code_set {
	CODESET_CPT,
	CODESET_HCPCS,
	CODESET_ICD10CM,
	CODESET_ICD10PCS,
	CODESET__MAX
};

/* Longest input codeset_key and friends look at, in bytes. */
#define CODESET_INPUT_MAX	32
/* A buffer this size holds any key or display form. */
#define CODESET_KEY_SIZE	16

/*
 * Compile the format patterns (re_new). Call once at start-up; idempotent.
 * Returns 0, or -1 (logged). The functions below call it themselves when
 * it has not been called, and fail (-1 / 0) if it fails.
 */
int		 codeset_init(void);
/* Free the patterns (tests, exit). */
void		 codeset_free(void);
/* "icd10cm" -> CODESET_ICD10CM; exact lower-case name; -1 if unknown. */
int		 codeset_from_name(const char *, size_t);
/* "cpt" "hcpcs" "icd10cm" "icd10pcs"; NULL for a bad value. */
const char	*codeset_name(enum code_set);
/* "CPT®" "HCPCS" "ICD-10-CM" "ICD-10-PCS" (UTF-8); NULL for a bad value. */
const char	*codeset_label(enum code_set);
/*
 * Normalise user text into a key: trim, drop inner spaces, dots and
 * hyphens, upper-case ASCII. Input longer than CODESET_INPUT_MAX or with
 * bytes other than letters, digits, space, tab, '.', '-' fails. Writes the
 * NUL-terminated key to out. Returns 0, or -1 (nothing logged). This is
 * the one normalisation codeset_key and the guesses use.
 */
int		 codeset_normalise(const char *in, size_t len, char *out,
		    size_t outsz);
/*
 * codeset_normalise, then the key must match the set's full-code format.
 * outsz >= CODESET_KEY_SIZE is always enough. ICD-10-CM "k92.2", " K 922 "
 * and "k922" all give "K922". Returns 0, or -1 when not a code of the set
 * (or outsz is too small).
 */
int		 codeset_key(enum code_set, const char *in, size_t len,
		    char *out, size_t outsz);
/*
 * Key -> display form: ICD-10-CM gets a '.' after the third character when
 * longer than three ("K922" -> "K92.2", "E11" -> "E11"); the other sets are
 * unchanged. Returns 0, or -1 when outsz is too small or set is bad.
 */
int		 codeset_display(enum code_set, const char *key, char *out,
		    size_t outsz);
/* Bitmask of (1u << set) for the sets whose full format the text matches. */
unsigned	 codeset_guess(const char *in, size_t len);
/*
 * Bitmask of the sets for which the normalised text (1 or more characters)
 * could begin a code: "E11.6", "0DT", "992".
 */
unsigned	 codeset_guess_prefix(const char *in, size_t len);

#endif /* CODESET_H */
