#!/usr/bin/env perl
# 051-search-data.t: search over the real files (need_data): index terms
# with "see" references, inclusion terms, PCS, HCPCS, prefixes, typos.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../lib";
use Test::More;
use Medcode;

base_url();
need_data();

sub top {
	my ($q, $set, $n) = @_;
	$q =~ s/([^A-Za-z0-9\-._~])/sprintf('%%%02X', ord($1))/ge;
	my $r = get("/api/search?q=$q&limit=" . ($n // 5) .
	    ($set ? "&set=$set" : ''));
	return json_of($r) // {};
}
sub has {
	my ($j, $code) = @_;
	return scalar grep { $_->{code} eq $code } @{ $j->{results} // [] };
}

my $j = top('hives');
ok(has($j, 'L50.9'), 'hives -> L50.9 (index: see Urticaria)');
like((grep { $_->{code} eq 'L50.9' } @{ $j->{results} })[0]{matched} // '',
    qr/^index: Hives/, 'matched names the index path');
ok(has(top('shingles'), 'B02.9'), 'shingles -> B02.9');
ok(has(top('heart attack'), 'I21.9'), 'heart attack -> I21.9');
ok(has(top('high blood pressure', 'icd10cm'), 'I10'), 'inclusion term -> I10');
ok((grep { /^L89\.9\d$/ } map { $_->{code} } @{ top('bedsore', 'icd10cm')->{results} }),
    'bedsore -> a billable L89.9x');
ok(has(top('k922'), 'K92.2'), 'k922');
ok(has(top('s72001a'), 'S72.001A'), 's72001a');
$j = top('I50.3', 'icd10cm');
ok((grep { /^I50\.3\d$/ } map { $_->{code} } @{ $j->{results} }), 'prefix children');
ok(has(top('acute kidney failure unspec', 'icd10cm'), 'N17.9'), 'partial last word');
ok(has(top('atrial fibrillation unspecified', 'icd10cm'), 'I48.91'), 'words reordered');
ok(has(top('standard wheelchair', 'hcpcs'), 'K0001'), 'hcpcs words');
ok(has(top('resection appendix percutaneous endoscopic', 'icd10pcs'), '0DTJ4ZZ'),
    'pcs words');
$j = top('pnuemonia');
is($j->{corrected}, 'pneumonia', 'pnuemonia corrected');
ok(has($j, 'J18.9'), 'pnuemonia -> J18.9');
is(psql("SELECT count(*) > 0 FROM app.search_terms WHERE kind = 'index'"),
    't', 'index terms attached to the live release');
done_testing();
