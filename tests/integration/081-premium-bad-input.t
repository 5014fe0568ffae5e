#!/usr/bin/perl
# 081-premium-bad-input.t: bad input on every parameter of the premium
# pages and APIs answers a clear 400 or 404 (JSON errors on /api/), never
# a 500. Validation happens before any premium data is read or metered,
# so this runs with or without the real data.
use strict;
use warnings;
use lib "$ENV{MEDCODE_REPO}/tests/lib";
use Medcode;
use Test::More;

base_url();
my $many = join('+', map { sprintf('%05d', 10000 + $_) } 1 .. 500);
my @cases = (
	# path, status, what the message must say
	['/api/ncci/pair', 400, qr/c1: required/],
	['/api/ncci/pair?c1=99213', 400, qr/c2: required/],
	['/api/ncci/pair?c1=E11.9&c2=99213', 400, qr/ICD-10-CM/],
	['/api/ncci/pair?c1=99213&c2=0DTJ4ZZ', 400, qr/ICD-10-PCS/],
	['/api/ncci/pair?c1=99213&c2=hello', 400, qr/not a CPT or HCPCS/],
	['/api/ncci/pair?c1=99213&c2=99213', 400, qr/differ/],
	['/api/ncci/pair?c1=99213&c2=36415&setting=inpatient', 400,
	    qr/practitioner or hospital/],
	['/api/ncci/pair?c1=99213&c2=36415&date=2024-02-30', 400, qr/date/],
	['/api/ncci/pair?c1=99213&c2=36415&date=1990-01-01', 400, qr/1996/],
	['/api/ncci/pair?c1=99213&c2=36415&date=yesterday', 400, qr/date/],
	['/api/ncci/pair?c1=99213&c2=36415&date=2300-01-01', 400, qr/date/],
	['/api/ncci/pair?c1=' . ('9' x 40) . '&c2=36415', 400, qr/c1/],
	['/api/mue/E11.9', 400, qr/ICD-10-CM/],
	['/api/mue/nonsense!', 400, qr/not a CPT or HCPCS/],
	['/api/mue/99213?setting=ambulance', 400, qr/setting/],
	['/api/fee/K92.2', 400, qr/ICD-10-CM/],
	['/api/fee/99213?modifier=XX', 400, qr/modifier/],
	['/api/fee/99213?year=20x5', 400, qr/year/],
	['/api/fee/99213?year=20255', 400, qr/year/],
	['/ncci?codes=99213', 400, qr/at least two/],
	['/ncci?codes=99213+E11.9', 400, qr/ICD-10-CM/],
	["/ncci?codes=$many", 400, qr/at most 25 codes at a time \(500 given\)/],
	['/ncci?codes=99213+36415&setting=x', 400, qr/practitioner or hospital/],
	['/ncci?codes=99213+36415&date=2024-13-01', 400, qr/date/],
	['/codes/cpt/99213/ncci?role=col3', 400, qr/role/],
	['/codes/cpt/99213/ncci?page=0', 400, qr/page/],
	['/codes/cpt/99213/ncci?page=abc', 400, qr/page/],
	['/codes/cpt/99213/ncci?status=old', 400, qr/status/],
	['/codes/cpt/99213/ncci?setting=x', 400, qr/setting/],
	['/codes/icd10cm/E11.9/ncci', 404, qr/CPT and HCPCS/],
);
for my $c (@cases) {
	my ($path, $want, $msg) = @$c;
	my $r = get($path);
	(my $show = $path) =~ s/codes=1000.*/codes=<500 codes>/;
	is($r->{status}, $want, "$show: $want");
	like($r->{content}, $msg, '  says why');
	if ($path =~ m{^/api/}) {
		my $j = json_of($r);
		is($j && $j->{error}{status}, $want, '  JSON error body');
	}
}
is(get('/ncci')->{status}, 200, '/ncci without codes: the form');

# With the real data: unknown locality, year, a code of no record.
SKIP: {
	my $d = $ENV{DATA} // '';
	skip 'no data', 6 unless $d ne '' && -d $d;
	my $r = get('/api/fee/99213?locality=99999-99');
	is($r->{status}, 404, 'unknown locality: 404');
	like($r->{content}, qr/no payment locality 99999-99/, '  says so');
	$r = get('/api/fee/99213?year=1999');
	is($r->{status}, 404, 'a year not loaded: 404');
	like($r->{content}, qr/loaded fee schedule is 2025/, '  names the year');
	$r = get('/api/fee/99213?locality=abc');
	is($r->{status}, 404, 'locality abc: 404');
	$r = get('/api/ncci/pair?c1=99213&c2=36415&setting=hospital');
	ok($r->{status} == 404 || $r->{status} == 200 || $r->{status} == 403,
	    'hospital setting: answered (404 when no hospital table)');
}
done_testing();
