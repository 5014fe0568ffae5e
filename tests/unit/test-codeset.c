/*
 * test-codeset: names, labels, normalisation into keys, display forms, and
 * every edge of the four code formats, accepted and rejected.
 */
#include <string.h>

#include "codeset.h"
#include "tap.h"
#include "util.h"

#define CPT	(1u << CODESET_CPT)
#define HCPCS	(1u << CODESET_HCPCS)
#define CM	(1u << CODESET_ICD10CM)
#define PCS	(1u << CODESET_ICD10PCS)

static char	 k[CODESET_KEY_SIZE];

static int
key(enum code_set set, const char *s)
{
	memset(k, 'x', sizeof(k));
	k[0] = '\0';
	return codeset_key(set, s, strlen(s), k, sizeof(k));
}

static unsigned
g(const char *s)
{
	return codeset_guess(s, strlen(s));
}

static unsigned
gp(const char *s)
{
	return codeset_guess_prefix(s, strlen(s));
}

int
main(void)
{
	char		 out[16];
	size_t		 i;
	static const struct { const char *in, *key; } cm_ok[] = {
		{ "A00", "A00" }, { "K922", "K922" }, { "k92.2", "K922" },
		{ " K 922 ", "K922" }, { "k922", "K922" },
		{ "s72001a", "S72001A" }, { "S72.001A", "S72001A" },
		{ "E11.65", "E1165" }, { "U07.1", "U071" },
		{ "Z99.89", "Z9989" },
		{ "O9A.111", "O9A111" }, { "T36.0X1A", "T360X1A" },
		{ "e\t11", "E11" }, { "K92.2-", "K922" }, { "E1.1", "E11" },
	};
	static const char *const cm_bad[] = { "", "   ", "...", "K9", "K",
	    "1A0", "KK2", "K92.2222X", "S72001AB", "K92#2", "K92_2",
	    "K92/2", "\xc3\x89" "11", "K92,2", "K92+2",
	    "K92.2                                 " };
	static const struct { const char *in, *key; } pcs_ok[] = {
		{ "0DTJ4ZZ", "0DTJ4ZZ" }, { "0dtj4zz", "0DTJ4ZZ" },
		{ "0DT", "0DT" }, { "001", "001" }, { "XW033E5", "XW033E5" },
		{ "0DT.J4ZZ", "0DTJ4ZZ" }, { "B24", "B24" },
	};
	static const char *const pcs_bad[] = { "0DTI4ZZ", "0DTJ4ZO", "0D",
	    "0DTJ", "0DTJ4Z", "0DTJ4ZZZ", "IDT", "0OT", "0", "" };
	static const struct { const char *in, *key; } cpt_ok[] = {
		{ "99213", "99213" }, { "00100", "00100" },
		{ "0001F", "0001F" },
		{ "0042T", "0042T" }, { "0001U", "0001U" }, { "81490M", NULL },
		{ "8149m", "8149M" }, { "9921 3", "99213" },
		{ "3008f", "3008F" },
	};
	static const char *const cpt_bad[] = { "9921", "992133", "0001A",
	    "0001X", "A9921", "9921F1", "F0001", "" };
	static const struct { const char *in, *key; } hcpcs_ok[] = {
		{ "A4253", "A4253" }, { "j1100", "J1100" },
		{ "D0120", "D0120" },
		{ "G0008", "G0008" }, { " e0100 ", "E0100" },
	};
	static const char *const hcpcs_bad[] = { "A425", "A42533", "AA253",
	    "4253A", "A42S3", "" };

	is_int(codeset_init(), 0, "init");
	is_int(codeset_init(), 0, "init is idempotent");

	is_int(codeset_from_name("cpt", 3), CODESET_CPT, "cpt");
	is_int(codeset_from_name("hcpcs", 5), CODESET_HCPCS, "hcpcs");
	is_int(codeset_from_name("icd10cm", 7), CODESET_ICD10CM, "icd10cm");
	is_int(codeset_from_name("icd10pcs", 8), CODESET_ICD10PCS, "icd10pcs");
	is_int(codeset_from_name("ICD10CM", 7), -1, "upper case unknown");
	is_int(codeset_from_name("icd10", 5), -1, "prefix unknown");
	is_int(codeset_from_name("icd10cmx", 8), -1, "longer unknown");
	is_int(codeset_from_name("icd10cm", 6), -1, "length respected");
	is_int(codeset_from_name("", 0), -1, "empty unknown");
	is_int(codeset_from_name(NULL, 0), -1, "NULL unknown");
	is_int(codeset_from_name("cpt\0", 4), -1, "NUL unknown");
	for (i = 0; i < CODESET__MAX; i++)
		is_int(codeset_from_name(codeset_name(i),
		    strlen(codeset_name(i))), i, "name round trip %zu", i);
	is_str(codeset_label(CODESET_ICD10CM), "ICD-10-CM", "label CM");
	is_str(codeset_label(CODESET_ICD10PCS), "ICD-10-PCS", "label PCS");
	is_str(codeset_label(CODESET_HCPCS), "HCPCS", "label HCPCS");
	is_str(codeset_label(CODESET_CPT), "CPT\xc2\xae", "label CPT");
	ok(codeset_label(CODESET__MAX) == NULL, "label bad");
	ok(codeset_name((enum code_set)-1) == NULL, "name bad");

	/* ICD-10-CM */
	for (i = 0; i < NITEMS(cm_ok); i++) {
		is_int(key(CODESET_ICD10CM, cm_ok[i].in), 0, "CM ok \"%s\"",
		    cm_ok[i].in);
		is_str(k, cm_ok[i].key, "CM key of \"%s\"", cm_ok[i].in);
	}
	for (i = 0; i < NITEMS(cm_bad); i++) {
		is_int(key(CODESET_ICD10CM, cm_bad[i]), -1, "CM bad \"%s\"",
		    cm_bad[i]);
	}
	is_int(key(CODESET_ICD10CM, "K92\n2"), -1, "CM bad: newline inside");
	is_int(key(CODESET_ICD10CM, "K92\r"), -1, "CM bad: CR");
	is_int(key(CODESET_ICD10CM, "O9A"), 0, "CM O9A: letter third");
	is_int(codeset_key(CODESET_ICD10CM, "K92\0" "2", 5, k, sizeof(k)), -1,
	    "NUL in the middle");
	is_int(codeset_key(CODESET_ICD10CM, "K922", 4, k, 5), 0,
	    "outsz exactly enough");
	is_int(codeset_key(CODESET_ICD10CM, "K922", 4, k, 4), -1,
	    "outsz too small");
	is_int(codeset_key(CODESET_ICD10CM, "K922xxxx", 4, k, sizeof(k)), 0,
	    "length respected");
	is_str(k, "K922", "length respected key");

	/* ICD-10-PCS */
	for (i = 0; i < NITEMS(pcs_ok); i++) {
		is_int(key(CODESET_ICD10PCS, pcs_ok[i].in), 0, "PCS ok \"%s\"",
		    pcs_ok[i].in);
		is_str(k, pcs_ok[i].key, "PCS key of \"%s\"", pcs_ok[i].in);
	}
	for (i = 0; i < NITEMS(pcs_bad); i++)
		is_int(key(CODESET_ICD10PCS, pcs_bad[i]), -1, "PCS bad \"%s\"",
		    pcs_bad[i]);

	/* CPT */
	for (i = 0; i < NITEMS(cpt_ok); i++) {
		if (cpt_ok[i].key == NULL) {
			is_int(key(CODESET_CPT, cpt_ok[i].in), -1,
			    "CPT bad \"%s\"", cpt_ok[i].in);
			continue;
		}
		is_int(key(CODESET_CPT, cpt_ok[i].in), 0, "CPT ok \"%s\"",
		    cpt_ok[i].in);
		is_str(k, cpt_ok[i].key, "CPT key of \"%s\"", cpt_ok[i].in);
	}
	for (i = 0; i < NITEMS(cpt_bad); i++)
		is_int(key(CODESET_CPT, cpt_bad[i]), -1, "CPT bad \"%s\"",
		    cpt_bad[i]);

	/* HCPCS */
	for (i = 0; i < NITEMS(hcpcs_ok); i++) {
		is_int(key(CODESET_HCPCS, hcpcs_ok[i].in), 0,
		    "HCPCS ok \"%s\"", hcpcs_ok[i].in);
		is_str(k, hcpcs_ok[i].key, "HCPCS key of \"%s\"",
		    hcpcs_ok[i].in);
	}
	for (i = 0; i < NITEMS(hcpcs_bad); i++)
		is_int(key(CODESET_HCPCS, hcpcs_bad[i]), -1,
		    "HCPCS bad \"%s\"", hcpcs_bad[i]);
	is_int(key(CODESET__MAX, "K922"), -1, "bad set");

	/* Input length limit: 32 bytes. */
	is_int(key(CODESET_ICD10CM, "K92.2                           "), 0,
	    "32 bytes ok");
	is_int(key(CODESET_ICD10CM, "K92.2                            "), -1,
	    "33 bytes rejected");

	/* Display. */
	is_int(codeset_display(CODESET_ICD10CM, "K922", out, sizeof(out)), 0,
	    "display CM");
	is_str(out, "K92.2", "K922 -> K92.2");
	codeset_display(CODESET_ICD10CM, "E11", out, sizeof(out));
	is_str(out, "E11", "E11 unchanged");
	codeset_display(CODESET_ICD10CM, "S72001A", out, sizeof(out));
	is_str(out, "S72.001A", "S72001A -> S72.001A");
	codeset_display(CODESET_ICD10PCS, "0DTJ4ZZ", out, sizeof(out));
	is_str(out, "0DTJ4ZZ", "PCS unchanged");
	codeset_display(CODESET_CPT, "99213", out, sizeof(out));
	is_str(out, "99213", "CPT unchanged");
	codeset_display(CODESET_HCPCS, "A4253", out, sizeof(out));
	is_str(out, "A4253", "HCPCS unchanged");
	is_int(codeset_display(CODESET_ICD10CM, "K922", out, 6), 0,
	    "display exact size");
	is_int(codeset_display(CODESET_ICD10CM, "K922", out, 5), -1,
	    "display too small");
	is_int(codeset_display(CODESET_CPT, "99213", out, 5), -1,
	    "display too small, other set");
	is_int(codeset_display(CODESET__MAX, "K922", out, sizeof(out)), -1,
	    "display bad set");
	is_int(codeset_display(CODESET_CPT, NULL, out, sizeof(out)), -1,
	    "display NULL");

	/* Guesses. */
	is_int(g("K92.2"), CM, "guess K92.2");
	is_int(g("99213"), CPT, "guess 99213");
	is_int(g("0DTJ4ZZ"), PCS, "guess 0DTJ4ZZ");
	is_int(g("001"), PCS, "guess 001 (PCS table)");
	is_int(g("A4253"), HCPCS | CM, "guess A4253 (also CM format)");
	is_int(g("E11"), CM | PCS, "guess E11 (CM category, PCS table)");
	is_int(g("0001F"), CPT, "guess 0001F");
	is_int(g("S72001A"), CM | PCS, "guess S72001A");
	is_int(g("hello world"), 0, "guess words");
	is_int(g(""), 0, "guess empty");
	is_int(g("K92<2"), 0, "guess bad char");
	is_int(gp("E11.6"), HCPCS | CM | PCS, "prefix E11.6");
	is_int(gp("E11.65"), HCPCS | CM | PCS, "prefix E11.65");
	is_int(gp("E11.65X"), CM | PCS, "prefix E11.65X");
	is_int(gp("E1A"), CM | PCS, "prefix E1A");
	is_int(gp("0DT"), PCS, "prefix 0DT");
	is_int(gp("992"), CPT | PCS, "prefix 992");
	is_int(gp("9"), CPT | PCS, "prefix 9");
	is_int(gp("A"), HCPCS | CM | PCS, "prefix A");
	is_int(gp("I"), HCPCS | CM, "prefix I (not PCS)");
	is_int(gp("A42"), HCPCS | CM | PCS, "prefix A42");
	is_int(gp("A4253"), HCPCS | CM | PCS, "prefix A4253");
	is_int(gp("99213"), CPT | PCS, "prefix 99213");
	is_int(gp("0001F"), CPT | PCS, "prefix 0001F");
	is_int(gp("0001FF"), PCS, "prefix 0001FF");
	is_int(gp("S72001AB"), 0, "prefix too long");
	is_int(gp(""), 0, "prefix empty");
	is_int(gp("  .  "), 0, "prefix only separators");
	is_int(gp("K9?"), 0, "prefix bad char");

	codeset_free();
	is_int(g("K922"), CM, "re-initialises lazily after free");
	codeset_free();
	return done_testing();
}
