#!/usr/bin/perl
# 010-import.t: the real public releases loaded by tools/import-shared
# (ICD-10-CM FY2026 + tabular XML, ICD-10-PCS FY2026, HCPCS Oct 2025): counts,
# hierarchy, notes, idempotent re-import, and the 2020 fixed-width HCPCS file
# loaded beside the live release (NOLIVE=1).
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../lib";
use Test::More;
use Medcode;
use File::Temp qw(tempdir);

my $repo = $ENV{MEDCODE_REPO} or BAIL_OUT('MEDCODE_REPO is not set');
my $data = $ENV{DATA} // '';
unless ($data ne '' && -d $data) {
	if (($ENV{CI} // '') eq 'true') {
		plan tests => 1;
		fail("DATA ($data) is missing but CI=true");
		exit 1;
	}
	plan skip_all => "shared data directory (DATA=$data) not present";
}
$ENV{PGUSER} = 'medcode_owner';
my $import = "$repo/sql/import/import";
my $tmp = tempdir('import-XXXXXX', DIR => $ENV{MEDCODE_TEST_TMP} || '/tmp',
    CLEANUP => 1);

# One value (or lines) from psql.


my %live;
for my $set (qw(icd10cm icd10pcs hcpcs)) {
	$live{$set} = psql("SELECT id FROM app.releases WHERE dataset = '$set' AND is_live");
	ok($live{$set}, "$set has a live release ($live{$set})");
}
sub count {
	my ($set, $where) = @_;
	return psql("SELECT count(*) FROM app.codes WHERE release_id = $live{$set} AND $where");
}

# ICD-10-CM FY2026
is(psql("SELECT label || '|' || version || '|' || effective FROM app.releases WHERE id = $live{icd10cm}"),
    'ICD-10-CM FY2026|2026|2025-10-01', 'ICD-10-CM live release label, version, effective');
is(count('icd10cm', "kind = 'code' AND billable"), 74719, 'ICD-10-CM: 74,719 billable codes');
is(count('icd10cm', "kind = 'code' AND NOT billable"), 23467, 'ICD-10-CM: 23,467 headers');
is(count('icd10cm', "kind = 'chapter'"), 22, 'ICD-10-CM: 22 chapters');
cmp_ok(count('icd10cm', "kind = 'block'"), '>', 250, 'ICD-10-CM: blocks from the tabular XML');
is(psql("SELECT counts->>'billable' || '/' || (counts->>'headers') FROM app.releases WHERE id = $live{icd10cm}"),
    '74719/23467', 'ICD-10-CM: release counts');
is(psql("SELECT display || '|' || parent || '|' || title FROM app.codes WHERE release_id = $live{icd10cm} AND code = 'E119'"),
    'E11.9|E11|Type 2 diabetes mellitus without complications', 'E11.9: display, parent E11, title');
my $anc = psql("WITH RECURSIVE a AS (
	SELECT code, parent, kind, 0 AS n FROM app.codes WHERE release_id = $live{icd10cm} AND code = 'E11'
	UNION ALL
	SELECT c.code, c.parent, c.kind, a.n + 1 FROM app.codes c JOIN a ON c.code = a.parent
	WHERE c.release_id = $live{icd10cm})
    SELECT string_agg(code || ':' || kind, ' > ' ORDER BY n) FROM a");
is($anc, 'E11:code > E08-E13:block > chapter-4:chapter', 'E11 ancestors reach chapter 4 through block E08-E13');
is(psql("SELECT display || '|' || title FROM app.codes WHERE release_id = $live{icd10cm} AND code = 'E08-E13'"),
    "E08\x{e2}\x{80}\x{93}E13|Diabetes mellitus", 'block display uses an en dash');
is(psql("SELECT count(*) FROM app.codes c JOIN app.codes p ON p.release_id = c.release_id AND p.code = c.parent
    WHERE c.release_id = $live{icd10cm} AND (p.seq >= c.seq OR p.depth <> c.depth - 1)"),
    0, 'ICD-10-CM: every parent sorts before its children, one level up');
is(count('icd10cm', "parent IS NULL AND kind <> 'chapter'"), 0, 'ICD-10-CM: only chapters are roots');
cmp_ok(psql("SELECT count(*) FROM app.code_notes WHERE release_id = $live{icd10cm} AND code = 'E11' AND kind = 'excludes1'"),
    '>=', 5, 'E11 has excludes1 notes');
is(psql("SELECT note FROM app.code_notes WHERE release_id = $live{icd10cm} AND code = 'S72' AND kind = 'seven_chr' AND seq = 1"),
    'A: initial encounter for closed fracture', 'S72 7th-character A');
is(psql("SELECT count(*) FROM app.code_notes n WHERE release_id = $live{icd10cm}
    AND NOT EXISTS (SELECT 1 FROM app.codes c WHERE c.release_id = n.release_id AND c.code = n.code)"),
    0, 'notes only for codes of the release');

# ICD-10-PCS FY2026
is(psql("SELECT label FROM app.releases WHERE id = $live{icd10pcs}"), 'ICD-10-PCS FY2026', 'PCS label');
is(count('icd10pcs', "kind = 'code' AND billable"), 79115, 'ICD-10-PCS: 79,115 valid codes');
is(count('icd10pcs', "kind = 'code' AND NOT billable"), 914, 'ICD-10-PCS: 914 headers');
$anc = psql("WITH RECURSIVE a AS (
	SELECT code, parent, 0 AS n FROM app.codes WHERE release_id = $live{icd10pcs} AND code = '0DTJ4ZZ'
	UNION ALL
	SELECT c.code, c.parent, a.n + 1 FROM app.codes c JOIN a ON c.code = a.parent
	WHERE c.release_id = $live{icd10pcs})
    SELECT string_agg(code, ' > ' ORDER BY n) FROM a");
is($anc, '0DTJ4ZZ > 0DT > pcs-0D > pcs-0', 'PCS 0DTJ4ZZ > 0DT > pcs-0D > pcs-0');
is(psql("SELECT title FROM app.codes WHERE release_id = $live{icd10pcs} AND code = 'pcs-0D'"),
    'Gastrointestinal System', 'PCS body system title');
is(psql("SELECT title FROM app.codes WHERE release_id = $live{icd10pcs} AND code = 'pcs-0'"),
    'Medical and Surgical', 'PCS section title');

# HCPCS October 2025
is(psql("SELECT label || '|' || version || '|' || effective FROM app.releases WHERE id = $live{hcpcs}"),
    'HCPCS 2025 Q4|2025Q4|2025-10-01', 'HCPCS live release label, version, effective');
is(count('hcpcs', "kind = 'code'"), 8463, 'HCPCS: 8,463 codes');
is(psql("SELECT count(*) FROM app.modifiers WHERE release_id = $live{hcpcs}"), 383, 'HCPCS: 383 modifiers');
is(psql("SELECT parent || '|' || (attrs->>'added') FROM app.codes WHERE release_id = $live{hcpcs} AND code = 'A4253'"),
    'A4000-A9999|1986-01-01', 'A4253: section and added date');
is(count('hcpcs', "kind = 'code' AND parent IS NULL"), 0, 'HCPCS: every code in a section');

# Re-import: already loaded, no new release.
my $n = psql('SELECT count(*) FROM app.releases');
my ($st, $out, $err) = run_cmd({}, $import, 'icd10cm',
    "$data/icd10cm/icd10cm-order-2026.txt.gz", "$data/icd10cm/icd10cm_tabular_2023.xml.gz");
is($st, 0, 're-import exits 0');
like($out, qr/already loaded as release $live{icd10cm} \(ICD-10-CM FY2026\)/, 're-import says already loaded');
is(psql('SELECT count(*) FROM app.releases'), $n, 're-import adds no release');

# HCPCS 2020 fixed-width, beside the live release.
($st, $out, $err) = run_cmd({ NOLIVE => 1 }, $import, 'hcpcs',
    "$data/hcpcs/HCPC2020_ANWEB_w_disclaimer.txt.gz");
is($st, 0, 'HCPCS 2020 fixed-width imports') or diag($err);
like($out, qr/(not live|already loaded)/, 'HCPCS 2020 loaded without switching live');
my $r2020 = psql("SELECT id FROM app.releases WHERE dataset = 'hcpcs' AND version = '2020'");
ok($r2020, "HCPCS 2020 release ($r2020)");
is(psql("SELECT label || '|' || effective || '|' || is_live FROM app.releases WHERE id = $r2020"),
    'HCPCS 2020|2020-01-01|false', 'HCPCS 2020 label, effective, not live');
is(psql("SELECT count(*) FROM app.codes WHERE release_id = $r2020 AND kind = 'code'"), 6710, 'HCPCS 2020: 6,710 codes');
is(psql("SELECT count(*) FROM app.modifiers WHERE release_id = $r2020"), 369, 'HCPCS 2020: 369 modifiers');
is(psql("SELECT title FROM app.codes WHERE release_id = $r2020 AND code = 'A0080'"),
    'Non-emergency transportation, per mile - vehicle provided by volunteer (individual or organization), with no vested interest',
    'HCPCS 2020: continuation records joined into the long title');
is(psql("SELECT id FROM app.releases WHERE dataset = 'hcpcs' AND is_live"), $live{hcpcs},
    'HCPCS live release unchanged');

done_testing();
