#!/usr/bin/perl
# 071-premium-import-bad.t: a malformed line in each premium layout (NCCI
# PTP derived and CMS text, MUE stacked and CMS with its multi-line notice,
# PPRRVU fixed width, GPCI, localities, anesthesia, POS, ICD-10-CM and -PCS
# addenda) makes the importer exit non-zero naming the file line, and the
# live releases and their rows stay as they were. Files are built here (no
# shared data needed).
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../lib";
use Test::More;
use File::Temp qw(tempdir);
use Medcode;

my $repo = $ENV{MEDCODE_REPO} or BAIL_OUT('MEDCODE_REPO is not set');
$ENV{PGUSER} = 'medcode_owner';
my $import = "$repo/sql/import/import";
my $tmp = tempdir('premium-bad-XXXXXX', DIR => $ENV{MEDCODE_TEST_TMP} || '/tmp',
    CLEANUP => 1);


sub write_file {
	my ($name, $eol, @lines) = @_;
	my $f = "$tmp/$name";
	open(my $fh, '>', $f) or die "$f: $!";
	print $fh map { "$_$eol" } @lines;
	close($fh) or die;
	return $f;
}

# Releases, live ids and the live rows of every premium table.
sub state {
	return psql("SELECT (SELECT count(*) FROM app.releases) || ' ' ||
	    coalesce((SELECT string_agg(dataset || ':' || id, ',' ORDER BY dataset)
		FROM app.releases WHERE is_live), '') || ' ' ||
	    (SELECT count(*) FROM app.ncci_ptp p JOIN app.releases r ON r.id = p.release_id AND r.is_live) || ' ' ||
	    (SELECT count(*) FROM app.mue) || ' ' || (SELECT count(*) FROM app.pfs_rvu) || ' ' ||
	    (SELECT count(*) FROM app.pfs_gpci) || ' ' || (SELECT count(*) FROM app.pfs_locality_counties) || ' ' ||
	    (SELECT count(*) FROM app.pfs_anes) || ' ' || (SELECT count(*) FROM app.pos) || ' ' ||
	    (SELECT count(*) FROM app.code_history) || ' ' || (SELECT count(*) FROM app.ncci_rationales)");
}
my $before = state();
ok($before, "state before: $before");

sub bad {
	my ($name, $set, $file, $re, @extra) = @_;
	my ($st, $out, $err) = run_cmd({}, $import, $set, $file, @extra);
	isnt($st, 0, "$name: non-zero exit");
	like($err, $re, "$name: stderr names the line and the problem") or diag($err);
	is(state(), $before, "$name: live releases and rows unchanged");
}

# NCCI PTP, derived layout (+ a rationale table beside it).
my @rat = ("rationale_id\trationale\trow_count",
    "1\tCPT Manual or CMS manual coding instruction\t1",
    "2\tMisuse of Column Two code with Column One code\t1");
my $ratf = write_file('rationales.tsv', "\n", @rat);
my @ptp = ("column_1\tcolumn_2\tprior_1996\tdeletion_date\tmodifier_indicator\trationale_id",
    map { "0001A\t059${_}T\t\t*\t1\t1" } 1 .. 8);
my @l = @ptp;
$l[4] = "0001A\t0594T\t\t*\t5\t1";
bad('ptp derived: modifier 5', 'ncci-ptp', write_file('ptp_practitioner_2091q1_v971.tsv', "\n", @l),
    qr/ptp_practitioner_2091q1_v971\.tsv line 5: modifier indicator must be 0, 1 or 9/, $ratf);
@l = @ptp;
$l[6] = "0001A\t0596T\t\t20230231\t1\t1";
bad('ptp derived: bad date', 'ncci-ptp', write_file('ptp_practitioner_2091q2_v972.tsv', "\n", @l),
    qr/line 7: deletion date must be a date/, $ratf);
@l = @ptp;
$l[3] = "0001A\t0593T\t\t*\t1";
bad('ptp derived: column count', 'ncci-ptp', write_file('ptp_practitioner_2091q3_v973.tsv', "\n", @l),
    qr/ptp_practitioner_2091q3_v973\.tsv line 4: wrong number of columns/, $ratf);
@l = @ptp;
$l[2] = "0001A\t0592T\t\t*\t1\t77";
bad('ptp derived: unknown rationale', 'ncci-ptp', write_file('ptp_practitioner_2091q4_v974.tsv', "\n", @l),
    qr/line 3: unknown rationale id "77"/, $ratf);

# NCCI PTP, CMS text layout (6 header lines, CRLF).
my @cms = ("CPT only copyright 2025 American Medical Association.  All rights reserved.\t\t\t\t\t\t",
    "Column1/Column2 Edits\t\t\t\t\t\t",
    "Column 1\tColumn 2\t*=in existence\tEffective\tDeletion\tModifier\tPTP Edit Rationale",
    "\t\tprior to 1996\tDate\tDate\t0=not allowed\t",
    "\t\t\t\t*=no data\t1=allowed\t",
    "\t\t\t\t\t9=not applicable\t",
    map { "0001U\t8116${_}\t\t20190101\t*\t1\tMisuse of Column Two code with Column One code" } 1 .. 6);
@l = @cms;
$l[8] = "0001U\t81163\t\t2019010\t*\t1\tMisuse of Column Two code with Column One code";
bad('ptp cms: bad effective date', 'ncci-ptp', write_file('ccipra-v971r0-f1.txt', "\r\n", @l),
    qr/ccipra-v971r0-f1\.txt line 9: effective date must be a date YYYYMMDD/);
@l = @cms;
$l[10] = "0001U\t8116\t\t20190101\t*\t1\tMisuse of Column Two code with Column One code";
bad('ptp cms: bad column 2', 'ncci-ptp', write_file('ccipra-v972r0-f1.txt', "\r\n", @l),
    qr/line 11: column 2 "8116" is not a CPT\/HCPCS code/);

# MUE stacked CSV.
my @mue = ('hcpcs,mue_value,mai,mai_description,service_type,mue_rationale',
    map { "000${_}U,1,2,Date of Service Edit: Policy,Practitioner,Code Descriptor / CPT Instruction" } 1 .. 6);
@l = @mue;
$l[3] = '0003U,1,2,Date of Service Edit: Policy,Ambulance,Code Descriptor / CPT Instruction';
bad('mue stacked: service type', 'mue', write_file('mue_2091q1_all.csv', "\n", @l),
    qr/mue_2091q1_all\.csv line 4: service type must be/);
@l = @mue;
$l[5] = '0005U,one,2,Date of Service Edit: Policy,Practitioner,Code Descriptor / CPT Instruction';
bad('mue stacked: units', 'mue', write_file('mue_2091q2_all.csv', "\n", @l),
    qr/line 6: MUE value must be a whole number/);

# MUE, CMS layout: the AMA notice is one quoted cell over 5 lines and the
# header's first cell spans 2, so record numbers are not line numbers.
my @mc = ('"Current Procedural Terminology (CPT) codes ... are copyright 2025 AMA.',
    '', 'CPT is a registered trademark of the AMA.', '', 'The AMA assumes no liability.",,,',
    '"HCPCS/', 'CPT Code",Practitioner Services MUE Values,MUE Adjudication Indicator,MUE Rationale',
    map { "000${_}U,1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction" } 1 .. 6);
@l = @mc;
$l[9] = '0003U,1,4 Date of Service Edit: Policy,Code Descriptor / CPT Instruction';
bad('mue cms: MAI 4 (line counted through multi-line cells)', 'mue',
    write_file('MCR_MUE_PractitionerServices_Eff_01-01-2091.csv', "\r\n", @l),
    qr/MCR_MUE_PractitionerServices_Eff_01-01-2091\.csv line 10: MUE adjudication indicator must be 1, 2 or 3/);
@l = @mc;
$l[11] = '0005U,1,2 Date of Service Edit: Policy';
bad('mue cms: column count', 'mue',
    write_file('MCR_MUE_PractitionerServices_Eff_04-01-2091.csv', "\r\n", @l),
    qr/line 12: wrong number of columns/);

# PPRRVU fixed width.
sub rvu {
	my ($code, $mod, $st) = @_;
	my $r = sprintf('%-5s%-2s%-50s%s %6s %6s%2s %6s%2s %5s %6s%6s%s%3s%3s%3s%3s%s%s%s%s%s%7s%5s%8s %2s%s %2s    %6s %6s %6s',
	    $code, $mod, 'Made-up description', $st, '1.30', '1.35', '  ', '0.57', '  ',
	    '0.10', '2.75', '1.97', '0', 'XXX', '.00', '.00', '.00', '0', '0', '0', '0', '0',
	    '', '', '32.3465', '09', '0', '99', '0.00', '0.00', '0.00');
	return $r;
}
my @pf = ('HDR MADE-UP HEADER LINE', map { rvu(sprintf('9921%d', $_), '', 'A') } 1 .. 5);
is(length($pf[1]), 171, 'made-up PPRRVU record is 171 characters');
@l = @pf;
$l[3] = substr($l[3], 0, 120);
bad('pfs: short record', 'pfs', write_file('PPRRVU2091_Jan.txt', "\r\n", @l),
    qr/PPRRVU2091_Jan\.txt line 4: record too short \(120 characters/);
@l = @pf;
substr($l[2], 59, 6) = '  1.x0';
bad('pfs: bad RVU', 'pfs', write_file('PPRRVU2091_Apr.txt', "\r\n", @l),
    qr/line 3: RVUs \(positions 60-102\) must be numbers/);
@l = @pf;
$l[5] = $l[4];
bad('pfs: duplicate', 'pfs', write_file('PPRRVU2091_Jul.txt', "\r\n", @l),
    qr/line 6: duplicate record 99214/);

# GPCI, localities, anesthesia, POS.
my @gp = ('TITLE,,,,,,', ',,,,,,',
    'Medicare Administrative Contractor (MAC),State,Locality Number,Locality Name,2091 PW GPCI,2091 PE GPCI,2091 MP GPCI',
    '10112,AL,00,ALABAMA,1,0.869,0.575', '02102,AK,01,ALASKA,1.5,1.081,0.592',
    '03102,AZ,00,ARIZONA,1,0.975,0.854', 'Footnote,,,,,,');
@l = @gp;
$l[4] = '02102,AK,01,ALASKA,1.5,high,0.592';
bad('gpci: bad number', 'gpci', write_file('GPCI2091.csv', "\r\n", @l),
    qr/GPCI2091\.csv line 5: the three GPCIs must be numbers/);
my @lo = ('TITLE,,,,', ',,,,', 'Medicare Adminstrative Contractor,Locality Number,State ,Fee Schedule Area ,Counties',
    ',,,,', '10112,0,ALABAMA ,STATEWIDE ,ALL COUNTIES ', ',,,,', '1112,5,CALIFORNIA,SAN FRANCISCO,SAN FRANCISCO',
    '1112,6,,SAN MATEO,SAN MATEO', ',,,,', '*  Footnote.,,,,');
@l = @lo;
$l[7] = '1112,X6,,SAN MATEO,SAN MATEO';
bad('locality: bad locality number', 'locality', write_file('91LOCCO.csv', "\r\n", @l),
    qr/91LOCCO\.csv line 8: locality number "X6" must be 1 or 2 digits/);
@l = @lo;
$l[5] = ',,ALABAMA,SOMEWHERE,';
bad('locality: row without MAC', 'locality', write_file('92LOCCO.csv', "\r\n", @l),
    qr/92LOCCO\.csv line 6: row without a MAC/);
my @an = ('Contractor,Locality,Locality Name,National Anes CF of 20.3178', '10112 ,00 ,ALABAMA,19.31 ',
    '02102 ,01 ,ALASKA*,27.86 ', '03102 ,00 ,ARIZONA,20.04 ', ',,,');
@l = @an;
$l[2] = '02102 ,01 ,ALASKA*,n/a ';
bad('anes: bad CF', 'anes', write_file('ANES2091.csv', "\r\n", @l),
    qr/ANES2091\.csv line 3: conversion factor "n\/a" must be a number/);
my @po = ('pos_code,pos_type,pos_name,pos_description', '01,Non-Facility,Pharmacy,A pharmacy.',
    '02,Facility,Telehealth,Telehealth.', '03,Non-Facility,School,A school.');
@l = @po;
$l[3] = '3,Non-Facility,School,A school.';
bad('pos: bad code', 'pos', write_file('pos-2091-01.csv', "\n", @l),
    qr/pos-2091-01\.csv line 4: place of service code "3" must be 2 digits/);

# Addenda.
sub cm { my ($a, $f, $c, $t) = @_; sprintf('%-13s%s %-7s %-60s %s', $a, $f, $c, $t, $t) }
my @ad = (cm('Add:', 1, 'B8801', 'Infestation by Demodex mites'),
    cm('Delete:', 1, 'E7253', 'Primary hyperoxaluria'),
    cm('Revise from:', 1, 'L02212', 'Cutaneous abscess of back'),
    cm('Revise to:', 1, 'L02212', 'Cutaneous abscess of back, new'),
    '', 'Codes', '      1 additions');
@l = @ad;
substr($l[1], 13, 1) = '7';
bad('icd10cm addenda: bad flag', 'icd10cm-addenda', write_file('icd10cm-order-addenda-2091.txt', "\r\n", @l),
    qr/icd10cm-order-addenda-2091\.txt line 2: flag \(position 14\) must be 0 or 1/);
@l = @ad;
splice(@l, 3, 1);
bad('icd10cm addenda: unpaired revise', 'icd10cm-addenda', write_file('icd10cm-order-addenda-2092.txt', "\r\n", @l),
    qr/line 3: "Revise from:" L02212 is not followed by its "Revise to:"/);
sub pcs { my ($a, $c, $t) = @_; sprintf('%-13s%-7s %-60s %s', $a, $c, $t, $t) }
my @pa = (pcs('Add:', '00H033J', 'Insertion of Infusion Device'), pcs('Add:', '09X', 'Ear, Transfer'),
    'garbage in the middle', pcs('Delete:', 'XW033E5', 'Introduction'), '', 'Codes');
bad('icd10pcs addenda: stray line', 'icd10pcs-addenda', write_file('icd10pcs_order_addenda_2091.txt', "\r\n", @pa),
    qr/icd10pcs_order_addenda_2091\.txt line 3: not a change line/);
@l = @pa;
$l[2] = pcs('Add:', '00H0I3J', 'Bad letter I');
bad('icd10pcs addenda: bad code', 'icd10pcs-addenda', write_file('icd10pcs_order_addenda_2092.txt', "\r\n", @l),
    qr/line 3: "00H0I3J" is not an ICD-10-PCS code/);

done_testing();
