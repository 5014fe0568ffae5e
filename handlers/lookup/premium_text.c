/*
 * premium_text: what the CMS indicator values mean, in our own words
 * (from RVU25D.pdf Attachment A and the record layout, the NCCI policy
 * manual and the MUE pages), and the parsing of procedure codes typed
 * into the pair checker and the premium APIs. No database access.
 */
#include <string.h>

#include "codeset.h"
#include "premium.h"
#include "valid.h"

struct meaning {
	const char	*v;
	const char	*text;
};

static const char *
lookup(const struct meaning *m, const char *v)
{
	if (v == NULL)
		return NULL;
	for (; m->v != NULL; m++)
		if (strcmp(m->v, v) == 0)
			return m->text;
	return NULL;
}

static const struct meaning status[] = {
	{ "A", "Active: paid separately under the fee schedule when "
	    "covered; the RVUs below set the payment." },
	{ "B", "Bundled: payment is always included in another service; "
	    "any RVUs shown are not used for payment." },
	{ "C", "Carrier priced: the Medicare contractor sets the payment, "
	    "usually case by case from the documentation." },
	{ "D", "Deleted at the start of the year." },
	{ "E", "Excluded from the fee schedule by regulation; when "
	    "covered it is paid some other way." },
	{ "F", "Deleted or discontinued, without a grace period." },
	{ "G", "Not valid for Medicare: another code is used (with a grace "
	    "period)." },
	{ "H", "Deleted modifier: this code's 26 or TC component was "
	    "removed." },
	{ "I", "Not valid for Medicare: another code is used for reporting "
	    "and payment." },
	{ "J", "Anesthesia service: no RVUs or payment amounts here (paid "
	    "with anesthesia base units)." },
	{ "M", "Measurement code: for reporting quality data only." },
	{ "N", "Not covered by Medicare." },
	{ "P", "Bundled or excluded: no RVUs and no separate payment "
	    "under the fee schedule." },
	{ "R", "Restricted coverage: covered only in special cases, then "
	    "priced by the contractor." },
	{ "T", "Injection: paid only when no other fee-schedule service is "
	    "billed the same day by the same provider." },
	{ "X", "Statutory exclusion: not a physician service under the law "
	    "(for example ambulance or clinical lab); no fee-schedule "
	    "payment." },
	{ NULL, NULL },
};

static const struct meaning global[] = {
	{ "000", "0-day global: pre- and post-operative work on the day of "
	    "the procedure is included; an E/M that day is usually not "
	    "paid separately." },
	{ "010", "10-day global: the day of the procedure and 10 days "
	    "after are included; E/M visits in that window are usually not "
	    "paid separately." },
	{ "090", "90-day global (major surgery): the day before, the day of "
	    "and 90 days after are included." },
	{ "MMM", "Maternity code: the usual global periods do not apply." },
	{ "XXX", "No global period applies to this code." },
	{ "YYY", "The contractor decides whether a global period applies "
	    "and sets it when pricing." },
	{ "ZZZ", "Add-on or related service: always inside the global "
	    "period of the primary service." },
	{ NULL, NULL },
};

static const struct meaning pctc[] = {
	{ "0", "Physician service: cannot be split into professional and "
	    "technical parts; modifiers 26 and TC do not apply." },
	{ "1", "Diagnostic test with professional and technical parts: "
	    "bill globally, or the professional part with 26 and the "
	    "technical part with TC." },
	{ "2", "Professional-component-only code: modifiers 26 and TC do "
	    "not apply." },
	{ "3", "Technical-component-only code: modifiers 26 and TC do not "
	    "apply." },
	{ "4", "Global-test-only code: separate codes exist for the "
	    "professional and technical parts; 26 and TC do not apply." },
	{ "5", "Incident-to service: not payable to the physician for "
	    "hospital inpatients or outpatients; 26 and TC do not apply." },
	{ "6", "Laboratory physician interpretation: TC does not apply; the "
	    "test itself is paid under the lab fee schedule." },
	{ "7", "Physical therapy service not payable when an independent "
	    "therapist treats a hospital patient." },
	{ "8", "Physician interpretation of an abnormal smear for a "
	    "hospital inpatient only; no TC." },
	{ "9", "The professional/technical split does not apply." },
	{ NULL, NULL },
};

static const struct meaning mult[] = {
	{ "0", "No multiple-procedure reduction: paid at the full fee "
	    "schedule amount." },
	{ "1", "Pre-1995 multiple-procedure rules (100%, 50%, 25%...)." },
	{ "2", "Standard multiple-procedure reduction (modifier 51): the "
	    "highest-paid procedure at 100%, the others at 50%." },
	{ "3", "Multiple-endoscopy rules apply within the family of its "
	    "endoscopic base code." },
	{ "4", "Diagnostic imaging reduction: the technical part of later "
	    "procedures in the same family is reduced (and the professional "
	    "part slightly)." },
	{ "5", "Therapy reduction: the practice expense of later therapy "
	    "services is reduced." },
	{ "6", "Cardiovascular diagnostic reduction: 25% off the technical "
	    "part of the second and later services." },
	{ "7", "Ophthalmology diagnostic reduction: 20% off the technical "
	    "part of the second and later services." },
	{ "9", "Multiple-procedure rules do not apply." },
	{ NULL, NULL },
};

static const struct meaning bilat[] = {
	{ "0", "No bilateral adjustment (modifier 50): both sides together "
	    "are paid as one procedure at 100%." },
	{ "1", "Bilateral adjustment applies: with modifier 50 (or RT and "
	    "LT) both sides are paid at 150% of one." },
	{ "2", "The RVUs already assume a bilateral procedure: both sides "
	    "are paid at 100% of one." },
	{ "3", "Each side is paid in full (100% each); usually radiology or "
	    "diagnostic tests." },
	{ "9", "The bilateral concept does not apply." },
	{ NULL, NULL },
};

static const struct meaning asst[] = {
	{ "0", "Assistant at surgery paid only with documentation of "
	    "medical necessity." },
	{ "1", "Assistant at surgery may not be paid (statutory "
	    "restriction)." },
	{ "2", "Assistant at surgery may be paid." },
	{ "9", "The assistant-at-surgery concept does not apply." },
	{ NULL, NULL },
};

static const struct meaning cosurg[] = {
	{ "0", "Co-surgeons (modifier 62) are not permitted." },
	{ "1", "Co-surgeons may be paid with documentation that two "
	    "surgeons were needed." },
	{ "2", "Co-surgeons permitted without documentation when the two "
	    "surgeons are of different specialties." },
	{ "9", "The co-surgeon concept does not apply." },
	{ NULL, NULL },
};

static const struct meaning team[] = {
	{ "0", "Team surgery (modifier 66) is not permitted." },
	{ "1", "Team surgery may be paid, by report, with documentation of "
	    "medical necessity." },
	{ "2", "Team surgery permitted, paid by report." },
	{ "9", "The team-surgery concept does not apply." },
	{ NULL, NULL },
};

const char *
pfs_status_meaning(const char *v)
{
	return lookup(status, v);
}

int
pfs_status_payable(const char *v)
{
	/* RVU25D: only A, R and T codes carry RVUs used for payment. */
	return v != NULL && (strcmp(v, "A") == 0 || strcmp(v, "R") == 0 ||
	    strcmp(v, "T") == 0);
}

const char *
pfs_global_meaning(const char *v)
{
	return lookup(global, v);
}

const char *
pfs_pctc_meaning(const char *v)
{
	return lookup(pctc, v);
}

const char *
pfs_mult_meaning(const char *v)
{
	return lookup(mult, v);
}

const char *
pfs_bilat_meaning(const char *v)
{
	return lookup(bilat, v);
}

const char *
pfs_asst_meaning(const char *v)
{
	return lookup(asst, v);
}

const char *
pfs_cosurg_meaning(const char *v)
{
	return lookup(cosurg, v);
}

const char *
pfs_team_meaning(const char *v)
{
	return lookup(team, v);
}

const char *
ncci_mod_meaning(int v)
{
	switch (v) {
	case 0:
		return "Not allowed: no modifier lets the two codes be paid "
		    "together.";
	case 1:
		return "Allowed with a modifier: an NCCI-associated modifier "
		    "may bypass the edit when the services were really "
		    "distinct.";
	case 9:
		return "Not applicable: the edit is deleted and no longer "
		    "used.";
	default:
		return NULL;
	}
}

const char *
ncci_mod_action(int v)
{
	switch (v) {
	case 0:
		return "Report only the column 1 code; the column 2 code is "
		    "not payable with it on the same day, whatever modifier "
		    "is used.";
	case 1:
		return "The column 2 code is bundled unless the services were "
		    "distinct (another site, session, encounter or "
		    "practitioner): then append 59, XE, XS, XP or XU (or 25 "
		    "for an E/M) to the column 2 code when the record "
		    "supports it.";
	case 9:
		return "Nothing to do: the edit does not apply.";
	default:
		return NULL;
	}
}

const char *
mue_mai_meaning(int v)
{
	switch (v) {
	case 1:
		return "Line edit: each claim line is checked against the "
		    "limit; units above it on a line are denied (separate "
		    "lines with anatomic modifiers may be used when "
		    "appropriate).";
	case 2:
		return "Date-of-service edit, policy: the limit is absolute "
		    "for the day, from policy or the code's definition; "
		    "units above it are denied and appeals rarely succeed.";
	case 3:
		return "Date-of-service edit, clinical: the limit is for the "
		    "day; units above it are denied but may be paid on "
		    "appeal with documentation of medical necessity.";
	default:
		return NULL;
	}
}

const char *
ncci_dataset(const char *setting)
{
	if (setting == NULL || strcmp(setting, "practitioner") == 0)
		return "ncci_ptp_practitioner";
	if (strcmp(setting, "hospital") == 0)
		return "ncci_ptp_hospital";
	return NULL;
}

const char *
ncci_setting_label(const char *setting)
{
	if (setting != NULL && strcmp(setting, "hospital") == 0)
		return "outpatient hospital";
	if (setting != NULL && strcmp(setting, "dme") == 0)
		return "DME supplier";
	return "practitioner";
}

int
premium_proc_code(const char *s, size_t len, char *out, int *set)
{
	unsigned	 m;

	*set = -1;
	m = codeset_guess(s, len);
	/* "E11.9" is ICD-10-CM even though "E1190" has a HCPCS shape. */
	if (memchr(s, '.', len) != NULL && (m & (1u << CODESET_ICD10CM))) {
		*set = CODESET_ICD10CM;
		return -2;
	}
	if (m & (1u << CODESET_CPT)) {
		*set = CODESET_CPT;
	} else if (m & (1u << CODESET_HCPCS)) {
		*set = CODESET_HCPCS;
	} else if (m & (1u << CODESET_ICD10CM)) {
		*set = CODESET_ICD10CM;
		return -2;
	} else if (m & (1u << CODESET_ICD10PCS)) {
		*set = CODESET_ICD10PCS;
		return -2;
	} else
		return -1;
	return codeset_key((enum code_set)*set, s, len, out,
	    CODESET_KEY_SIZE);
}

const char *
valid_codes_text(struct fval *v, struct arena *a)
{
	return valid_text_limit(v, a, 8000);
}
