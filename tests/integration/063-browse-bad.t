#!/usr/bin/env perl
# 063-browse-bad.t: bad and unknown nodes on the browse pages (issue 3):
# a 404 page (or a 301/400 where stated), never a 500, and nothing from
# the URL comes back unescaped.
use strict;
use warnings;
use Test::More;
use Medcode;

base_url();

# Unknown or invalid nodes: 404.
for my $p (
    '/codes/icd10cm/chapter-0', '/codes/icd10cm/chapter-23',
    '/codes/icd10cm/chapter-', '/codes/icd10cm/E08-E99',
    '/codes/icd10cm/A00-Z99', '/codes/icd10cm/junk-xyz',
    '/codes/icd10cm/77401-77499', '/codes/icd10cm/-',
    '/codes/icd10pcs/pcs-', '/codes/icd10pcs/pcs-ZZ',
    '/codes/icd10pcs/pcs-0I', '/codes/icd10pcs/0DT-0DT',
    '/codes/hcpcs/A9999-A0000', '/codes/hcpcs/A4000-A99999',
    '/codes/hcpcs/A400-A499', '/codes/hcpcs/A4000-', '/codes/hcpcs/-A4000',
    '/codes/hcpcs/A4000--A4999', '/codes/hcpcs/A4000-A4999-A5999',
    '/codes/hcpcs/99201-99499', '/codes/hcpcs/chapter-1',
    '/codes/cpt/99499-99202', '/codes/cpt/0001F-99999',
    '/codes/cpt/0001F-0002T', '/codes/cpt/A4000-A4999',
    '/codes/cpt/7740-7749', '/codes/cpt/77401.0-77499',
    '/codes/cpt/pcs-0', '/codes/nope/chapter-4', '/codes/x/A4000-A4999') {
	my $r = get($p);
	is($r->{status}, 404, "$p is 404");
}

# Junk: never a 500, never reflected raw.
my @junk = ('%27-%25', '%25-%5F', '%5C-%28', '*-*', '%3Cscript%3E-1',
    'a-%3Cb%3E', '%C3%A9-%C3%BC', '%E2%80%93-%E2%80%93', '1-1', '0-0',
    '--', '-----', ('x' x 40) . '-1', ('9' x 200) . '-1', 'chapter-' . ('9'
    x 30), 'pcs-%00', 'E08-E13%20', '%20E08-E13', 'E08-E13;select',
    "A4000-A4999'", '77401-77499%27%20OR%201=1', 'chapter-4%0A',
    '%FF-%FE', 'E08%2DE13');
for my $set (qw(icd10cm icd10pcs hcpcs cpt)) {
	for my $j (@junk) {
		my $p = "/codes/$set/$j";
		my $r = get($p);
		ok($r->{status} =~ /^(?:200|301|400|404)$/,
		    "$p: $r->{status}, not a 5xx");
		unlike($r->{content} // '', qr{<script>|<b>},
		    "$p: nothing reflected unescaped");
	}
}

# Bad page numbers.
for my $q ('page=0', 'page=-1', 'page=x', 'page=1.5', 'page=99999999999999',
    'page=%00', 'page=') {
	my $r = get("/codes/icd10cm/chapter-4?$q");
	ok($r->{status} == 400 || $r->{status} == 404,
	    "?$q: $r->{status}, a client error");
}
is(get('/codes/icd10cm/chapter-4?page=1')->{status}, 200, '?page=1 is 200');
is(get('/codes/icd10cm/chapter-4?page=2')->{status}, 404,
    'a page past the last one is 404');

done_testing();
