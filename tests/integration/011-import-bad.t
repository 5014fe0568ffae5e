#!/usr/bin/perl
# 011-import-bad.t: malformed input makes the importer fail with the bad
# line named on stderr and leaves every live release (ids and rows) as it
# was; a CPT file with (made-up) descriptors loads with NOLIVE=1 as a
# licensed release. Needs no shared data: files are built from sql/sample/.
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
my $sample = "$repo/sql/sample";
my $tmp = tempdir('import-bad-XXXXXX', DIR => $ENV{MEDCODE_TEST_TMP} || '/tmp',
    CLEANUP => 1);



sub slurp_lines {
	my ($f) = @_;
	open(my $fh, '<', $f) or die "$f: $!";
	my @l = <$fh>;
	chomp @l;
	return @l;
}

sub write_lines {
	my ($name, @lines) = @_;
	my $f = "$tmp/$name";
	open(my $fh, '>', $f) or die "$f: $!";
	print $fh map { "$_\r\n" } @lines;	# CRLF, as the government files
	close($fh) or die;
	return $f;
}

# Live releases with their row counts, and the number of releases.
sub state {
	return psql("SELECT (SELECT count(*) FROM app.releases) || ' ' ||
	    coalesce(string_agg(r.dataset || ':' || r.id || ':' ||
		(SELECT count(*) FROM app.codes c WHERE c.release_id = r.id) || ':' ||
		(SELECT count(*) FROM app.modifiers m WHERE m.release_id = r.id),
		',' ORDER BY r.dataset), '')
	    FROM app.releases r WHERE r.is_live");
}

my $before = state();
like($before, qr/icd10cm:\d+/, "live releases before: $before");

# bad(name, set, file, line regex, message regex)
sub bad {
	my ($name, $set, $file, $line_re, $msg_re, $env) = @_;
	my ($st, $out, $err) = run_cmd($env // {}, $import, $set, $file);
	isnt($st, 0, "$name: non-zero exit");
	like($err, $line_re, "$name: stderr names the line") or diag($err);
	like($err, $msg_re, "$name: stderr says what is wrong") if $msg_re;
	is(state(), $before, "$name: live releases and rows unchanged");
}

# ICD-10-CM order file (sample rows, a bad line in the middle).
my @cm = slurp_lines("$sample/icd10cm-codes-sample.txt");
my @l = @cm;
substr($l[16], 14, 1) = 'X';
bad('icd10cm bad flag', 'icd10cm', write_lines('icd10cm-order-2091.txt', @l),
    qr/icd10cm-order-2091\.txt line 17: flag must be 0 or 1/, undef);
@l = @cm;
$l[40] = substr($l[40], 0, 30);
bad('icd10cm short line', 'icd10cm', write_lines('icd10cm-order-2092.txt', @l),
    qr/line 41: line too short/, undef);
@l = @cm;
$l[50] = $l[51];
bad('icd10cm duplicate', 'icd10cm', write_lines('icd10cm-order-2093.txt', @l),
    qr/line 52: duplicate code/, undef);
@l = @cm;
substr($l[60], 6, 7) = '1234567';
bad('icd10cm bad code', 'icd10cm', write_lines('icd10cm-order-2094.txt', @l),
    qr/line 61: "1234567" is not an ICD-10-CM code/, undef);

# ICD-10-PCS order file.
my @pcs = slurp_lines("$sample/icd10pcs-codes-sample.txt");
@l = @pcs;
substr($l[20], 6, 7) = '0DTJ4IZ';
bad('icd10pcs bad code', 'icd10pcs', write_lines('icd10pcs_order_2091.txt', @l),
    qr/icd10pcs_order_2091\.txt line 21: "0DTJ4IZ" is not an ICD-10-PCS code/, undef);
@l = @pcs;
substr($l[10], 14, 1) = '2';
bad('icd10pcs bad flag', 'icd10pcs', write_lines('icd10pcs_order_2092.txt', @l),
    qr/line 11: flag must be 0 or 1/, undef);

# HCPCS CSV: wrong column count, bad RECID.
my @hc = slurp_lines("$sample/hcpcs-sample.csv");
@l = @hc;
$l[20] = 'A4253,0010,3,Too few columns';
bad('hcpcs csv column count', 'hcpcs', write_lines('HCPC2091_JAN_ANWEB.csv', @l),
    qr/HCPC2091_JAN_ANWEB\.csv line 21: wrong number of columns/, undef);
@l = @hc;
$l[25] =~ s/^([^,]*,[^,]*,)3,/${1}5,/;
bad('hcpcs csv bad recid', 'hcpcs', write_lines('HCPC2092_APR_ANWEB.csv', @l),
    qr/line 26: RECID must be 3 \(code\) or 7 \(modifier\)/, undef);

# HCPCS fixed width: records built from the sample CSV, one truncated.
sub fw {
	my ($code, $seq, $rec, $long, $short) = @_;
	my $r = sprintf('%-5s%05d%s%-80s%-28s', $code, $seq, $rec, $long, $short);
	$r .= ' ' x (320 - length($r));
	substr($r, 268, 8) = '20200101';
	substr($r, 276, 8) = '20200101';
	substr($r, 292, 1) = 'N';
	return $r;
}
my @fwl = ('Disclaimer text that comes before the records.', '');
for my $row (@hc[1 .. $#hc]) {
	my @c = split /,/, $row;	# the sample's first columns hold no quotes
	next unless $c[0] =~ /^(?:[A-Z]\d{4}|   [A-Z0-9]{2})$/ && $c[2] =~ /^[37]$/;
	push @fwl, fw($c[0], 10, $c[2], 'Sample description', 'Sample');
}
my ($st, $out, $err) = run_cmd({ NOLIVE => 1 }, $import, 'hcpcs',
    write_lines('HCPC2093_ANWEB_ok.txt', @fwl));
is($st, 0, 'hcpcs fixed-width: a good file loads (NOLIVE)') or diag($err);
is(state() =~ s/^\d+ //r, $before =~ s/^\d+ //r, 'hcpcs fixed-width NOLIVE: live releases unchanged');
$before = state();
@l = @fwl;
$l[10] = substr($l[10], 0, 60);
bad('hcpcs fixed-width short record', 'hcpcs', write_lines('HCPC2094_ANWEB.txt', @l),
    qr/HCPC2094_ANWEB\.txt line 11: record too short/, undef);

# CPT: bad code format, duplicate.
my @cpt = map { "$_\tMade-up descriptor for testing $_" }
    grep { /\S/ } slurp_lines("$sample/cpt-sample.txt");
@l = @cpt;
$l[5] = "9921\tMade-up";
bad('cpt bad code', 'cpt', write_lines('cpt-2091.tsv', @l),
    qr/cpt-2091\.tsv line 6: bad code format "9921"/, undef);
@l = @cpt;
$l[7] = $l[3];
bad('cpt duplicate', 'cpt', write_lines('cpt-2092.tsv', @l),
    qr/line 8: duplicate code/, undef);

# Empty and missing files.
bad('empty file', 'icd10pcs', write_lines('icd10pcs_order_2095.txt'),
    qr/icd10pcs_order_2095\.txt: file is empty/, undef);
($st, $out, $err) = run_cmd({}, $import, 'icd10cm', "$tmp/icd10cm-order-2096-missing.txt");
isnt($st, 0, 'missing file: non-zero exit');
like($err, qr/icd10cm-order-2096-missing\.txt: no such readable file/, 'missing file: named');
is(state(), $before, 'missing file: live releases unchanged');
($st, $out, $err) = run_cmd({}, $import, 'icd10cm', write_lines('noyear.txt', @cm));
isnt($st, 0, 'no version in the name: non-zero exit');
like($err, qr/cannot infer the version.*VERSION=/, 'no version: asks for VERSION=');

# A licensed CPT file (made-up descriptors) loads beside the live release.
my $cf = write_lines('cpt-2090-licensed.tsv', @cpt);
($st, $out, $err) = run_cmd({ NOLIVE => 1 }, $import, 'cpt', $cf);
is($st, 0, 'cpt licensed file imports with NOLIVE=1') or diag($err);
like($out, qr/(not live|already loaded)/, 'cpt licensed file not switched live');
my $cr = psql("SELECT id FROM app.releases WHERE dataset = 'cpt' AND source_file = 'cpt-2090-licensed.tsv' ORDER BY id DESC LIMIT 1");
ok($cr, "cpt licensed release $cr");
is(psql("SELECT licensed || '|' || is_live || '|' || label || '|' || version FROM app.releases WHERE id = $cr"),
    "true|false|CPT\x{c2}\x{ae} 2090|licensed-2090", 'cpt release: licensed, not live, label, version');
is(psql("SELECT title || '|' || parent FROM app.codes WHERE release_id = $cr AND code = '99213'"),
    'Made-up descriptor for testing 99213|99202-99499', 'cpt descriptor loaded; 99213 under E/M');
is(psql("SELECT parent FROM app.codes WHERE release_id = $cr AND code = '99202-99499'") , '',
    'E/M is a top-level section');
is(state() =~ s/^\d+ //r, $before =~ s/^\d+ //r, 'cpt NOLIVE: live releases unchanged');

done_testing();
