#!/usr/bin/perl
# 072-premium-import-again.t: re-importing a premium file is a no-op (same
# sha256: "already loaded", no new release, live unchanged); the CMS-layout
# excerpts (NCCI PTP v32.2 2026 Q3, MUE practitioner 2026-07-01) load as
# newer releases with NOLIVE=1, beside the live full tables.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../lib";
use Test::More;
use File::Temp qw(tempdir);
use Medcode;

my $data = need_data();
my $repo = $ENV{MEDCODE_REPO} or BAIL_OUT('MEDCODE_REPO is not set');
$ENV{PGUSER} = 'medcode_owner';
my $import = "$repo/sql/import/import";
my $tmp = tempdir('premium-again-XXXXXX', DIR => $ENV{MEDCODE_TEST_TMP} || '/tmp',
    CLEANUP => 1);


sub lives {
	return psql("SELECT string_agg(dataset || ':' || id, ',' ORDER BY dataset) FROM app.releases WHERE is_live");
}
my $n = psql('SELECT count(*) FROM app.releases');
my $live = lives();

for my $t (['ncci-ptp', "$data/ncci/ptp_practitioner_2024q2_v301.tsv.gz"],
    ['mue', "$data/ncci/mue_2024q2_all_service_types.csv"],
    ['pfs', "$data/pfs/PPRRVU2025_Oct.txt.gz"],
    ['gpci', "$data/pfs/GPCI2025.csv"],
    ['icd10cm-addenda', "$data/icd10cm/icd10cm-order-addenda-2026.txt"],
    ['cpt-cms']) {
	my ($st, $out, $err) = run_cmd({}, $import, @$t);
	is($st, 0, "$t->[0] again: exit 0") or diag($err);
	like($out, qr/already loaded as release \d+/, "$t->[0] again: already loaded");
}
is(psql('SELECT count(*) FROM app.releases'), $n, 're-imports add no release');
is(lives(), $live, 're-imports change no live release');
is(psql("SELECT count(*) FROM app.code_history WHERE source = 'icd10cm-order-addenda-2026.txt'"), 630 + 28 + 45,
    'addenda history rows not doubled (630 added, 28 deleted, 45 revised)');

# The CMS-layout excerpts, as newer releases not switched live.
my $ptp_live = psql("SELECT id FROM app.releases WHERE dataset = 'ncci_ptp_practitioner' AND is_live");
my ($st, $out, $err) = run_cmd({ NOLIVE => 1 }, $import, 'ncci-ptp',
    "$data/ncci/samples/ccipra-v322r0-f1.excerpt.txt");
is($st, 0, 'PTP v32.2 excerpt (CMS layout) imports with NOLIVE=1') or diag($err);
my $r = psql("SELECT id FROM app.releases WHERE dataset = 'ncci_ptp_practitioner' AND source_file = 'ccipra-v322r0-f1.excerpt.txt'");
ok($r, "PTP excerpt release $r");
is(psql("SELECT label || '|' || version || '|' || effective || '|' || is_live FROM app.releases WHERE id = $r"),
    'NCCI PTP practitioner 2026 Q3 (v32.2)|2026Q3|2026-07-01|false', 'PTP excerpt: label from the file name, not live');
is(psql("SELECT count(*) || '|' || count(*) FILTER (WHERE deleted IS NULL) || '|' || count(effective) || '|' || count(rationale_id) FROM app.ncci_ptp WHERE release_id = $r"),
    '154|66|154|154', 'PTP excerpt: 154 edits, 66 active, effective dates kept, rationale ids mapped from the text');
# A row read from the file itself.
open(my $fh, '<', "$data/ncci/samples/ccipra-v322r0-f1.excerpt.txt") or die;
my @lines = <$fh>;
close $fh;
my @c = split /\t/, ($lines[6] =~ s/\r?\n\z//r);
my $d = sub { my $x = shift; $x eq '*' ? '' : substr($x, 0, 4) . '-' . substr($x, 4, 2) . '-' . substr($x, 6, 2) };
is(psql("SELECT effective || '|' || coalesce(deleted::text, '') || '|' || modifier || '|' || rationale FROM app.ncci_ptp WHERE release_id = $r AND col1 = '$c[0]' AND col2 = '$c[1]'"),
    $d->($c[3]) . '|' . $d->($c[4]) . "|$c[5]|$c[6]", "PTP excerpt line 7 ($c[0]/$c[1]) as in the file");
is(psql("SELECT id FROM app.releases WHERE dataset = 'ncci_ptp_practitioner' AND is_live"), $ptp_live,
    'the full 2024 Q2 table stays live');

($st, $out, $err) = run_cmd({ NOLIVE => 1 }, $import, 'mue',
    "$data/ncci/samples/MCR_MUE_PractitionerServices_Eff_07-01-2026.excerpt.csv");
is($st, 0, 'MUE excerpt (CMS layout, multi-line notice) imports with NOLIVE=1') or diag($err);
$r = psql("SELECT id FROM app.releases WHERE dataset = 'mue' AND source_file = 'MCR_MUE_PractitionerServices_Eff_07-01-2026.excerpt.csv'");
is(psql("SELECT label || '|' || effective || '|' || is_live FROM app.releases WHERE id = $r"),
    'MUE 2026 Q3|2026-07-01|false', 'MUE excerpt: label, effective, not live');
is(psql("SELECT count(*) || '|' || count(*) FILTER (WHERE setting = 'practitioner') FROM app.mue WHERE release_id = $r"),
    '44|44', 'MUE excerpt: 44 practitioner rows');
is(psql("SELECT units || '|' || mai || '|' || mai_text || '|' || rationale FROM app.mue WHERE release_id = $r AND code = '0001U'"),
    '1|2|Date of Service Edit: Policy|Code Descriptor / CPT Instruction', 'MUE excerpt 0001U');
is(lives(), $live, 'live releases unchanged by the NOLIVE imports');

done_testing();
