#!/usr/bin/env perl
# 124-meter-browser.t: issue 4's browser test. Runs
# tests/browser/register-meter.mjs in headless Chromium (Debian's chromium,
# playwright-core from tests/browser/node_modules): register, open the
# verification link from the mail the test SMTP server received, log in,
# open six code pages while the banner counts down, see the seventh
# locked. Its TAP lines are repeated here. Skipped without node, chromium
# or node_modules, except under CI=true where that is a failure.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../lib";
use Medcode;
use MedcodeMeter;
use Test::More;

base_url();
my $repo = $ENV{MEDCODE_REPO} // "$FindBin::Bin/../..";
my $dir = "$repo/tests/browser";
my $chromium = $ENV{CHROMIUM} // '/usr/bin/chromium';
my @missing;
push @missing, 'node' unless grep { -x "$_/node" } split /:/, $ENV{PATH};
push @missing, $chromium unless -x $chromium;
push @missing, "$dir/node_modules/playwright-core (cd tests/browser && npm ci)"
    unless -d "$dir/node_modules/playwright-core";
push @missing, 'MEDCODE_MAILBOX' unless $ENV{MEDCODE_MAILBOX};
if (@missing) {
	if (($ENV{CI} // '') eq 'true') {
		plan tests => 1;
		fail("browser test cannot run under CI=true: missing @missing");
		exit 1;
	}
	plan skip_all => "missing @missing";
}

my @codes = code_paths(7);
reset_addr();
local $ENV{METER_CODES} = join ' ', @codes;
local $ENV{CHROMIUM} = $chromium;
open(my $fh, '-|', 'node', "$dir/register-meter.mjs") or die "node: $!";
my ($n, $plan) = (0, 0);
while (my $line = <$fh>) {
	chomp $line;
	if ($line =~ /^(not )?ok \d+ - (.*)$/) {
		ok(!$1, $2);
		$n++;
	} elsif ($line =~ /^1\.\.(\d+)$/) {
		$plan = $1;
	} elsif ($line =~ /^#/) {
		diag($line);
	} else {
		note($line);
	}
}
close $fh;
my $rc = $? >> 8;
ok($n > 0 && $n == $plan, "the browser script ran to its end ($n of $plan)");
is($rc, 0, 'the browser script exited 0');
done_testing();
