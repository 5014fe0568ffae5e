#!/usr/bin/env perl
# 062-browse-range.t: CPT and HCPCS range pages (issue 3): any valid range
# of one code shape lists the loaded codes in it, in code order, paged,
# with a breadcrumb through the narrowest section that holds it; and the
# paging of long tree pages.
use strict;
use warnings;
use Test::More;
use Medcode;
use MedcodeBrowse;

base_url();

# The codes of a live release in [lo, hi] matching a shape, from the DB.
sub want_range {
	my ($set, $lo, $hi, $re) = @_;
	return split /\n/, psql("SELECT c.code FROM app.codes c JOIN "
	    . "app.releases r ON r.id = c.release_id AND r.is_live WHERE "
	    . "r.dataset = '$set' AND c.kind = 'code' AND c.code BETWEEN "
	    . "'$lo' AND '$hi' AND c.code ~ '$re' ORDER BY c.code");
}

# All rows of a (possibly paged) browse page.
sub all_rows {
	my ($path) = @_;
	my $r = get($path);
	return ($r) unless $r->{status} == 200;
	my @rows = rows_of($r->{content});
	my ($html, $pages) = ($r->{content}, 1);
	while ($html =~ m{rel="next" href="([^"]*)"} && $pages < 200) {
		$html = get(unescape($1))->{content};
		push @rows, rows_of($html);
		$pages++;
	}
	return ($r, $pages, @rows);
}

for my $case (
    [ 'cpt', '77401', '77499', '^[0-9]{5}$', ['/codes/cpt',
      '/codes/cpt/70010-79999'] ],
    [ 'cpt', '99202', '99215', '^[0-9]{5}$', ['/codes/cpt',
      '/codes/cpt/99202-99499'] ],
    [ 'cpt', '00100', '99999', '^[0-9]{5}$', ['/codes/cpt'] ],
    [ 'cpt', '0001F', '9999F', '^[0-9]{4}F$', ['/codes/cpt'] ],
    [ 'hcpcs', 'A4200', 'A4299', '^[A-Z][0-9]{4}$', ['/codes/hcpcs',
      '/codes/hcpcs/A4000-A9999'] ],
    [ 'hcpcs', 'E0100', 'E0999', '^[A-Z][0-9]{4}$', ['/codes/hcpcs',
      '/codes/hcpcs/E0000-E9999'] ],
    [ 'hcpcs', 'A0000', 'Z9999', '^[A-Z][0-9]{4}$', ['/codes/hcpcs'] ],
    [ 'hcpcs', 'J1000', 'J1000', '^[A-Z][0-9]{4}$', ['/codes/hcpcs',
      '/codes/hcpcs/J0000-J8999'] ]) {
	my ($set, $lo, $hi, $re, $crumbs) = @$case;
	my $path = "/codes/$set/$lo-$hi";
	my ($r, $pages, @rows) = all_rows($path);
	is($r->{status}, 200, "$path is 200");
	my @want = want_range($set, $lo, $hi, $re);
	is_deeply([map { $_->{label} } @rows], \@want, "$path lists the "
	    . scalar(@want) . " loaded codes in it"
	    . ($pages > 1 ? " on $pages pages" : ''));
	ok(!(grep { $_->{url} ne "/codes/$set/$_->{label}" } @rows),
	    "$path links each code page");
	my @c = crumbs_of($r->{content});
	is_deeply([map { $_->{url} } @c], [@$crumbs, undef],
	    "$path: breadcrumb through its section");
	my $disp = $lo eq $hi ? $lo : "$lo–$hi";
	like($r->{content}, qr{<h1><span class="code code-big">$disp</span>},
	    "$path: the h1 names the range");
	my $n = @want;
	$n =~ s/(\d)(?=(\d{3})+$)/$1,/g;
	like($r->{content}, qr{\Q$n\E loaded codes? in this range},
	    "$path: says how many codes are loaded ($n)");
	if (!@want) {
		like($r->{content}, qr{No (?:CPT®|HCPCS) codes from $lo},
		    "$path: an empty range says so");
	}
}

# A section key is its tree page, not a range page.
my $r = get('/codes/hcpcs/A4000-A9999');
unlike($r->{content}, qr{loaded codes? in this range},
    'a section is a tree page');

# Paging: 100 rows a page, prev/next links, the last page, past it 404.
my $rid = live_release('hcpcs');
my $n = psql("SELECT count(*) FROM app.codes WHERE release_id = $rid AND "
    . "kind = 'code'");
my $last = int(($n + 99) / 100);
$r = get('/codes/hcpcs/A0000-Z9999');
my @rows = rows_of($r->{content});
is(scalar @rows, $n < 100 ? $n : 100, 'page 1 has up to 100 rows');
SKIP: {
	skip "only $n HCPCS codes: one page", 8 if $n <= 100;
	like($r->{content}, qr{rel="next" href="/codes/hcpcs/A0000-Z9999\?page=2"},
	    'page 1 links page 2');
	unlike($r->{content}, qr{rel="prev"}, 'page 1 has no previous');
	like($r->{content}, qr{Showing 1–100 of }, 'page 1 says which rows');
	$r = get('/codes/hcpcs/A0000-Z9999?page=2');
	like($r->{content}, qr{rel="prev" href="/codes/hcpcs/A0000-Z9999"},
	    'page 2 links page 1 by its plain URL');
	like($r->{content},
	    qr{<link rel="canonical" href="[^"]*/codes/hcpcs/A0000-Z9999\?page=2">},
	    'page 2 has its own canonical URL');
	$r = get("/codes/hcpcs/A0000-Z9999?page=$last");
	is($r->{status}, 200, "the last page ($last) is 200");
	unlike($r->{content}, qr{rel="next"}, 'the last page has no next');
	is(get('/codes/hcpcs/A0000-Z9999?page=' . ($last + 1))->{status}, 404,
	    'past the last page is 404');
}

# Spelling: lower case redirects to the canonical range.
$r = get('/codes/hcpcs/a4200-a4299');
is($r->{status}, 301, 'a lower-case range redirects');
is($r->{headers}{location}, '/codes/hcpcs/A4200-A4299', '... upper-cased');

done_testing();
