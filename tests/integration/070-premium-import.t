#!/usr/bin/perl
# 070-premium-import.t: the premium data loaded by tools/import-shared
# (issue 5): row counts of the real files (NCCI PTP 2024 Q2 full table,
# MUE 2024 Q2, PPRRVU RVU25D, GPCI/localities/anesthesia 2025, POS, the
# FY2026 ICD-10 addenda), values checked against rows read from the files
# themselves, and the CPT code-number release built from the CMS files.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../lib";
use Test::More;
use Medcode;

my $data = need_data();
$ENV{PGUSER} = 'medcode_owner';

sub live {
	my ($ds) = @_;
	return psql("SELECT id FROM app.releases WHERE dataset = '$ds' AND is_live");
}

# NCCI PTP practitioner, full table.
my $ptp = live('ncci_ptp_practitioner');
ok($ptp, "live PTP release $ptp");
is(psql("SELECT label || '|' || version || '|' || effective FROM app.releases WHERE id = $ptp"),
    'NCCI PTP practitioner 2024 Q2 (v30.1)|2024Q2|2024-04-01', 'PTP label, version, effective');
is(psql("SELECT count(*) FROM app.ncci_ptp WHERE release_id = $ptp"), 2545089, 'PTP: 2,545,089 edits');
is(psql("SELECT count(*) FROM app.ncci_ptp WHERE release_id = $ptp AND deleted IS NULL"), 1669187,
    'PTP: 1,669,187 active');
is(psql("SELECT count(*) FROM app.ncci_ptp WHERE release_id = $ptp AND deleted IS NOT NULL"), 875902,
    'PTP: 875,902 deleted');
is(psql("SELECT string_agg(modifier || ':' || n, ' ' ORDER BY modifier) FROM (SELECT modifier, count(*) n FROM app.ncci_ptp WHERE release_id = $ptp GROUP BY 1) s"),
    '0:738981 1:1707255 9:98853', 'PTP: modifier indicators 0/1/9');
is(psql("SELECT count(*) FROM app.ncci_ptp WHERE release_id = $ptp AND prior_1996"), 2093, 'PTP: 2,093 pre-1996');
is(psql("SELECT count(*) FROM app.ncci_ptp WHERE release_id = $ptp AND effective IS NOT NULL"), 0,
    'PTP: the derived table has no effective dates (NULL)');
is(psql("SELECT counts->>'active' FROM app.releases WHERE id = $ptp"), 1669187, 'PTP: release counts');
is(psql('SELECT count(*) FROM app.ncci_rationales'), 12, '12 rationales');
is(psql("SELECT count(*) FROM app.ncci_ptp WHERE release_id = $ptp AND (rationale IS NULL OR rationale_id IS NULL)"), 0,
    'PTP: every edit has its rationale id and text');
is(psql("SELECT relispartition FROM pg_class WHERE oid = 'app.ncci_ptp_r$ptp'::regclass"), 't',
    'PTP release is a partition of app.ncci_ptp');

# Rows read from the file itself: the first rows, a deleted and an active
# edit, both modifier indicators.
open(my $fh, '-|', 'gzip', '-dc', "$data/ncci/ptp_practitioner_2024q2_v301.tsv.gz") or die;
my (%seen, @rows);
while (<$fh>) {
	next if $. == 1;
	chomp;
	my @c = split /\t/, $_, -1;
	my $k = ($c[3] eq '*' ? 'active' : 'deleted') . $c[4];
	next if $seen{$k}++;
	push @rows, [@c];
	last if keys %seen >= 5 && $. > 200000;
}
close $fh;
for my $c (@rows) {
	my ($c1, $c2, $p, $del, $mod, $rid) = @$c;
	my $want_del = $del eq '*' ? '' : substr($del, 0, 4) . '-' . substr($del, 4, 2) . '-' . substr($del, 6, 2);
	my $got = psql("SELECT string_agg(coalesce(deleted::text, '') || '|' || modifier || '|' || rationale_id || '|' || prior_1996, ',')
	    FROM app.ncci_ptp WHERE release_id = $ptp AND col1 = '$c1' AND col2 = '$c2'
	    AND coalesce(deleted::text, '') = '$want_del' AND modifier = $mod");
	like($got, qr/^\Q$want_del|$mod|$rid|\E(t|f)/, "PTP $c1/$c2 (deletion $del, modifier $mod) as in the file");
}
is(psql("SELECT rationale FROM app.ncci_ptp WHERE release_id = $ptp AND rationale_id = 1 LIMIT 1"),
    'CPT Manual or CMS manual coding instruction', 'rationale text joined from the rationale table');

# MUE 2024 Q2, three settings.
my $mue = live('mue');
is(psql("SELECT label || '|' || effective FROM app.releases WHERE id = $mue"), 'MUE 2024 Q2|2024-04-01', 'MUE label');
is(psql("SELECT count(*) FROM app.mue WHERE release_id = $mue"), 32202, 'MUE: 32,202 rows');
is(psql("SELECT string_agg(setting || ':' || n, ' ' ORDER BY setting) FROM (SELECT setting, count(*) n FROM app.mue WHERE release_id = $mue GROUP BY 1) s"),
    'dme:2894 hospital:14629 practitioner:14679', 'MUE: 14,679 practitioner, 14,629 hospital, 2,894 DME');
is(psql("SELECT string_agg(mai || ':' || n, ' ' ORDER BY mai) FROM (SELECT mai, count(*) n FROM app.mue WHERE release_id = $mue GROUP BY 1) s"),
    '1:106 2:12113 3:19983', 'MUE: MAI counts');
open($fh, '<', "$data/ncci/mue_2024q2_all_service_types.csv") or die;
<$fh>;
my $l = <$fh>;
chomp $l;
my @m = split /,/, $l;
my %set = (Practitioner => 'practitioner', 'Outpatient Hospital' => 'hospital', 'DME Supplier' => 'dme');
is(psql("SELECT units || '|' || mai || '|' || mai_text || '|' || rationale FROM app.mue WHERE release_id = $mue AND setting = '$set{$m[4]}' AND code = '$m[0]'"),
    "$m[1]|$m[2]|$m[3]|$m[5]", "MUE $m[0] $m[4] as in the file");

# PFS RVU25D.
my $pfs = live('pfs');
is(psql("SELECT label || '|' || version || '|' || effective FROM app.releases WHERE id = $pfs"),
    'PFS 2025 (RVU25D, October)|2025Q4|2025-10-01', 'PFS label');
is(psql("SELECT count(*) FROM app.pfs_rvu WHERE release_id = $pfs"), 19090, 'PPRRVU: 19,090 records');
is(psql("SELECT count(*) FROM app.pfs_rvu WHERE release_id = $pfs AND status = 'A'"), 9021, 'PPRRVU: 9,021 status A');
is(psql("SELECT work || '|' || pe_nonfac || '|' || pe_fac || '|' || mp || '|' || global || '|' || conv_factor FROM app.pfs_rvu WHERE release_id = $pfs AND code = '99213' AND modifier = ''"),
    '1.30|1.35|0.57|0.10|XXX|32.3465', '99213 RVUs, global, conversion factor');
is(psql("SELECT pe_nonfac_na || '|' || mult_proc || '|' || assistant || '|' || preop FROM app.pfs_rvu WHERE release_id = $pfs AND code = '33533' AND modifier = ''"),
    'true|2|2|0.09', '33533: non-facility NA, indicators, pre-op share');
is(psql("SELECT string_agg(modifier, ',' ORDER BY modifier) FROM app.pfs_rvu WHERE release_id = $pfs AND code = '70450'"),
    ',26,TC', '70450 global, -26 and -TC rows');
is(psql("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'app' AND table_name = 'pfs_rvu' AND column_name ~ 'desc'"),
    0, 'no descriptor column in app.pfs_rvu');
# Every record of the text file against the table (numbers and status).
open($fh, '-|', 'gzip', '-dc', "$data/pfs/PPRRVU2025_Oct.txt.gz") or die;
my ($n, $bad) = (0, 0);
my %db = map { my @f = split /\|/; ("$f[0]|$f[1]" => "$f[2]|$f[3]|$f[4]|$f[5]|$f[6]") }
    split /\n/, psql("SELECT code, modifier, status, work, pe_nonfac, pe_fac, mp FROM app.pfs_rvu WHERE release_id = $pfs");
while (<$fh>) {
	s/\r?\n\z//;
	next if /^HDR/;
	$n++;
	my $k = substr($_, 0, 5) . '|' . (substr($_, 5, 2) =~ s/ +$//r);
	my $v = join '|', substr($_, 57, 1), map { s/^\s+//r } substr($_, 59, 6), substr($_, 66, 6), substr($_, 75, 6), substr($_, 84, 5);
	$bad++ unless ($db{$k} // '') eq $v;
}
close $fh;
is("$n/$bad", '19090/0', 'every PPRRVU record: status and RVUs as in the file');

# GPCI, localities, anesthesia, POS.
my $g = live('gpci');
is(psql("SELECT count(*) FROM app.pfs_gpci WHERE release_id = $g"), 109, 'GPCI: 109 localities');
is(psql("SELECT name || '|' || gpci_work || '|' || gpci_pe || '|' || gpci_mp FROM app.pfs_gpci WHERE release_id = $g AND mac || '-' || locality = '02102-01'"),
    'ALASKA*|1.5|1.081|0.592', 'GPCI 02102-01 (Alaska)');
my $lc = live('locality');
is(psql("SELECT count(*) FROM app.pfs_locality_counties WHERE release_id = $lc"), 110, 'localities/counties: 110 rows');
is(psql("SELECT state || '|' || counties FROM app.pfs_locality_counties WHERE release_id = $lc AND mac = '01112' AND locality = '05'"),
    'CALIFORNIA|SAN FRANCISCO/ALAMEDA/CONTRA COSTA/SAN MATEO', 'continuation row inherits the state; MAC and locality zero-padded');
is(psql("SELECT count(*) FROM app.pfs_locality_counties l WHERE release_id = $lc AND NOT EXISTS (SELECT 1 FROM app.pfs_gpci g WHERE g.release_id = $g AND g.mac = l.mac AND g.locality = l.locality)"),
    0, 'every locality/county row names a GPCI locality');
my $an = live('anes');
is(psql("SELECT count(*) || '|' || (SELECT conv_factor FROM app.pfs_anes WHERE release_id = $an AND mac = '10112' AND locality = '00') FROM app.pfs_anes WHERE release_id = $an"),
    '109|19.31', 'anesthesia CF: 109 localities, Alabama 19.31');
my $pos = live('pos');
is(psql("SELECT label || '|' || (SELECT count(*) FROM app.pos WHERE release_id = $pos) FROM app.releases WHERE id = $pos"),
    'POS 2023-09|99', 'POS: 99 codes');
is(psql("SELECT type || '|' || name FROM app.pos WHERE release_id = $pos AND code = '11'"), 'Non-Facility|Office', 'POS 11');

# History from the addenda.
is(psql("SELECT string_agg(action || ':' || n, ' ' ORDER BY action) FROM (SELECT action, count(*) n FROM app.code_history WHERE code_set = 'icd10cm' AND source = 'icd10cm-order-addenda-2026.txt' AND billable GROUP BY 1) s"),
    'added:487 deleted:28 revised:38', 'ICD-10-CM FY2026: 487 added, 28 deleted, 38 revised');
is(psql("SELECT string_agg(action || ':' || n, ' ' ORDER BY action) FROM (SELECT action, count(*) n FROM app.code_history WHERE code_set = 'icd10pcs' AND source = 'icd10pcs_order_addenda_2026.txt' AND billable GROUP BY 1) s"),
    'added:156 deleted:27', 'ICD-10-PCS FY2026: 156 added, 27 deleted');
is(psql("SELECT effective || '|' || release_label || '|' || old_title || '|' || new_title FROM app.code_history WHERE code_set = 'icd10cm' AND code = 'L02212' AND action = 'revised'"),
    '2025-10-01|ICD-10-CM FY2026|Cutaneous abscess of back [any part, except buttock]|Cutaneous abscess of back [any part, except buttock and flank]',
    'L02212 revised: old and new title');

# CPT code numbers from the CMS files.
my $cpt = live('cpt');
like(psql("SELECT label || '|' || licensed FROM app.releases WHERE id = $cpt"),
    qr/^CPT\x{c2}\x{ae} codes from CMS files \(PFS 2025\)\|false$/, 'live CPT release: code numbers from CMS files, not licensed');
is(psql("SELECT coalesce(title, 'NULL') || '|' || parent FROM app.codes WHERE release_id = $cpt AND code = '99213'"),
    'NULL|99202-99499', '99213: no descriptor, under E/M');
is(psql("SELECT count(*) FROM app.pfs_rvu p WHERE release_id = $pfs AND code ~ '^[0-9]{4}[0-9FTUM]\$' AND NOT EXISTS (SELECT 1 FROM app.codes c WHERE c.release_id = $cpt AND c.code = p.code)"),
    0, 'every PPRRVU CPT code has a code row');
is(psql("SELECT count(*) FROM app.codes WHERE release_id = $cpt AND kind = 'code' AND code !~ '^[0-9]{4}[0-9FTUM]\$'"),
    0, 'no HCPCS Level II letter codes in the CPT release');

done_testing();
