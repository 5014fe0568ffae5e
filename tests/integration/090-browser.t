#!/usr/bin/env perl
# 090-browser.t: the search box's autocomplete in headless Chromium (issue
# 3): tests/browser/autocomplete.mjs, run with node, prints the TAP. It
# skips when node, /usr/bin/chromium or tests/browser/node_modules are
# missing, and fails instead under CI=true (.ci/run installs them).
use strict;
use warnings;

my $repo = $ENV{MEDCODE_REPO} // '.';
my $ci = ($ENV{CI} // '') eq 'true';

my ($node) = grep { -x } map { "$_/node" } split /:/, ($ENV{PATH} // '');
if (!$node) {
	if ($ci) {
		print "1..1\nnot ok 1 - node is installed (CI=true)\n";
		exit 1;
	}
	print "1..0 # SKIP node is not installed\n";
	exit 0;
}
if (!$ENV{BASE_URL}) {
	print "1..0 # SKIP BASE_URL is not set: run through tests/run\n";
	exit 0;
}
exec $node, "$repo/tests/browser/autocomplete.mjs"
    or die "090-browser.t: cannot run $node: $!\n";
