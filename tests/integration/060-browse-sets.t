#!/usr/bin/env perl
# 060-browse-sets.t: /codes/{set} (issue 3): the top of each code set's tree
# with the number of codes and billable codes in each, checked against a
# recursive walk of the database; the real ICD-10-CM has its 22 chapters.
use strict;
use warnings;
use Test::More;
use Medcode;
use MedcodeBrowse;

base_url();
my $real = ($ENV{DATA} // '') ne '' && -d $ENV{DATA};

for my $set (qw(icd10cm icd10pcs hcpcs cpt)) {
	my $r = get("/codes/$set");
	is($r->{status}, 200, "/codes/$set is 200");
	like($r->{headers}{'content-type'} // '', qr{^text/html},
	    "/codes/$set is HTML");
	my $html = $r->{content};
	my @h1 = $html =~ m{<h1\b}g;
	is(scalar @h1, 1, "/codes/$set has one h1");
	my $rid = live_release($set);
	my @want = roots_of($rid);
	my @rows = rows_of($html);
	is(scalar @rows, scalar @want, "/codes/$set lists every root node ("
	    . scalar(@want) . ")");
	is_deeply([map { (split m{/}, $_->{url})[-1] } @rows], \@want,
	    "/codes/$set: in tabular order, linked by key");
	my $counts = subtree_counts($rid, undef);
	my ($bad, $tot, $bill) = (0, 0, 0);
	for my $row (@rows) {
		my $k = (split m{/}, $row->{url})[-1];
		my $c = $counts->{$k} // [0, 0];
		$bad++ unless defined $row->{codes} &&
		    $row->{codes} == $c->[0] && $row->{billable} == $c->[1];
		$tot += $row->{codes} // 0;
		$bill += $row->{billable} // 0;
	}
	is($bad, 0, "/codes/$set: codes and billable counts match the tree");
	my $all = psql("SELECT count(*) || ' ' || count(*) FILTER (WHERE "
	    . "billable) FROM app.codes WHERE release_id = $rid AND kind = "
	    . "'code' AND parent IS NOT NULL");
	my ($n) = split / /, $all;
	is($tot, $n, "/codes/$set: the counts add up to every code below "
	    . "the roots ($n)");
	like($html, qr{<th scope="col" class="num">Codes</th>},
	    "/codes/$set: count columns are marked numeric");
	my @c = crumbs_of($html);
	ok(@c == 1 && !defined $c[0]{url}, "/codes/$set: breadcrumb is the "
	    . "set, current");
	like($html, qr{<link rel="canonical" href="[^"]*/codes/$set">},
	    "/codes/$set has its canonical link");
	my $h = head("/codes/$set");
	is($h->{status}, 200, "HEAD /codes/$set");
}

# The real ICD-10-CM FY2026 release: 22 chapters, 98,186 codes.
SKIP: {
	skip 'no shared data: the sample is loaded', 4 unless $real;
	my $html = get('/codes/icd10cm')->{content};
	my @rows = rows_of($html);
	is(scalar @rows, 22, 'ICD-10-CM has 22 chapters');
	is($rows[3]{label}, 'Chapter 4', 'the fourth is Chapter 4');
	like($rows[3]{title}, qr/Endocrine, nutritional and metabolic/,
	    'with its title');
	like($html, qr/98,186 codes, 74,719 billable, in 22 chapters/,
	    'the summary counts the whole release');
}

# Spelling of the set name and unknown sets.
my $r = get('/codes/ICD10CM');
is($r->{status}, 301, '/codes/ICD10CM redirects');
is($r->{headers}{location}, '/codes/icd10cm', '... to /codes/icd10cm');
for my $bad ('/codes/icd11', '/codes/x', '/codes/%C3%A9', '/codes/'
    . ('a' x 300)) {
	is(get($bad)->{status}, 404, "$bad is 404");
}
is(get('/codes/icd10cm?page=2')->{status}, 404,
    'a page past the last one is 404');
is(get('/codes/icd10cm?page=zero')->{status}, 400, 'a bad page is 400');

# Every page's header links the browse pages.
my $home = get('/codes/icd10cm/E11.9')->{content};
for my $set (qw(icd10cm icd10pcs hcpcs cpt)) {
	like($home, qr{<nav class="site-nav".*?href="/codes/$set"}s,
	    "the header links /codes/$set");
}

done_testing();
