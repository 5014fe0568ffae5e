#!/usr/bin/env perl
# 061-browse-tree.t: tree pages (issue 3): an ICD-10-CM chapter lists its
# blocks, a block its categories (linked to their code pages), PCS
# sections their body systems and body systems their operations, each
# child with its counts and the page with its breadcrumb; the code page's
# breadcrumb links the chapter and block pages.
use strict;
use warnings;
use Test::More;
use Medcode;
use MedcodeBrowse;

base_url();

# A tree page: its rows are the node's children with the right counts.
sub tree_ok {
	my ($set, $key, $crumbs, $label) = @_;
	my $r = get("/codes/$set/$key");
	is($r->{status}, 200, "/codes/$set/$key is 200");
	my $html = $r->{content};
	my $rid = live_release($set);
	my @want = children_of($rid, $key);
	my @rows = rows_of($html);
	my ($next, $pages) = ($html, 1);
	while ($next =~ m{rel="next" href="([^"]*)"} && $pages < 100) {
		$next = get(unescape($1))->{content};
		push @rows, rows_of($next);
		$pages++;
	}
	is(scalar @rows, scalar @want, "$key lists its " . scalar(@want)
	    . " children" . ($pages > 1 ? " on $pages pages" : ''));
	is_deeply([map { my $k = (split m{/}, $_->{url})[-1]; $k =~ s/\.//;
	    $k } @rows], \@want, "$key: children in tabular order");
	my $counts = subtree_counts($rid, $key);
	my $bad = 0;
	for my $row (@rows) {
		(my $k = (split m{/}, $row->{url})[-1]) =~ s/\.//;
		my $c = $counts->{$k};
		next if !defined $row->{codes} && $c->[0] == 1;	# a leaf code
		$bad++ unless defined $row->{codes} &&
		    $row->{codes} == $c->[0] && $row->{billable} == $c->[1];
	}
	is($bad, 0, "$key: counts match the tree");
	my @c = crumbs_of($html);
	is_deeply([map { $_->{url} } @c], [@$crumbs, undef],
	    "$key: breadcrumb links " . join(' › ', @$crumbs));
	is($c[-1]{label}, $label, "$key: the breadcrumb ends with $label");
	like($html, qr{<h1><span class="code code-big">\Q$label\E</span>},
	    "$key: the h1 names the node");
	return $html;
}

my $html = tree_ok('icd10cm', 'chapter-4', ['/codes/icd10cm'], 'Chapter 4');
like($html, qr{href="/codes/icd10cm/E08-E13" class="code">E08–E13</a>},
    'chapter 4 links the block E08–E13');

$html = tree_ok('icd10cm', 'E08-E13', ['/codes/icd10cm',
    '/codes/icd10cm/chapter-4'], 'E08–E13');
for my $cat (qw(E10 E11)) {
	like($html, qr{href="/codes/icd10cm/$cat" class="code">$cat</a>},
	    "the block lists category $cat, linked to its code page");
}
like($html, qr{Diabetes mellitus}, 'the block has its title');
my ($e11) = grep { $_->{label} eq 'E11' } rows_of($html);
ok($e11 && $e11->{codes} > 1 && $e11->{billable} >= 1,
    'E11 shows how many codes it holds');

tree_ok('icd10pcs', 'pcs-0', ['/codes/icd10pcs'], 'Section 0');
$html = tree_ok('icd10pcs', 'pcs-0D', ['/codes/icd10pcs',
    '/codes/icd10pcs/pcs-0'], psql("SELECT c.display FROM app.codes c "
    . "JOIN app.releases r ON r.id = c.release_id AND r.is_live WHERE "
    . "r.dataset = 'icd10pcs' AND c.code = 'pcs-0D'"));
like($html, qr{href="/codes/icd10pcs/0DT" class="code">0DT</a>},
    'the body system lists its operation 0DT');

tree_ok('hcpcs', 'A4000-A9999', ['/codes/hcpcs'], 'A4000–A9999');
tree_ok('cpt', '10004-69990', ['/codes/cpt'], '10004–69990');
tree_ok('cpt', '70010-79999', ['/codes/cpt'], '70010–79999');

# The code page's breadcrumb now links its chapter and block.
$html = get('/codes/icd10cm/E11.9')->{content};
like($html, qr{<a href="/codes/icd10cm"><span class="crumb-label">},
    'the code page breadcrumb starts with the set page');
like($html, qr{<a href="/codes/icd10cm/chapter-4"><span class="crumb-label">Chapter 4</span>},
    'and links the chapter page');
like($html, qr{<a href="/codes/icd10cm/E08-E13"><span class="crumb-label">E08–E13</span>},
    'and the block page');
$html = get('/codes/icd10pcs/0DTJ4ZZ')->{content};
like($html, qr{<a href="/codes/icd10pcs/pcs-0D"><span class="crumb-label">},
    'a PCS code page links its body system');

# Canonical spellings of node keys.
for ([ 'icd10cm', 'CHAPTER-4', '/codes/icd10cm/chapter-4' ],
     [ 'icd10cm', 'e08-e13', '/codes/icd10cm/E08-E13' ],
     [ 'icd10pcs', 'PCS-0d', '/codes/icd10pcs/pcs-0D' ],
     [ 'ICD10CM', 'chapter-4', '/codes/icd10cm/chapter-4' ],
     [ 'icd10cm', 'E11-9', '/codes/icd10cm/E11.9' ]) {
	my ($set, $key, $to) = @$_;
	my $r = get("/codes/$set/$key");
	is($r->{status}, 301, "/codes/$set/$key redirects");
	is($r->{headers}{location}, $to, "... to $to");
}

done_testing();
