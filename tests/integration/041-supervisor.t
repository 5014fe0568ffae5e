#!/usr/bin/env perl
# 041-supervisor.t: a worker that dies is replaced by the supervisor and
# the site keeps answering; the others are left alone.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../lib";
use Medcode;
use Test::More;

base_url();
my $ctl = "$ENV{MEDCODE_REPO}/tests/integration/ctl";
sub pids { return sort { $a <=> $b } split /\s+/, `$ctl pids`; }

my @before = pids();
ok(@before >= 2, 'at least two workers: ' . "@before");
kill 'KILL', $before[0];
my @after;
for (1 .. 40) {
	@after = pids();
	last if @after == @before && !grep { $_ == $before[0] } @after;
	select(undef, undef, undef, 0.1);
}
is(scalar @after, scalar @before, 'as many workers as before');
ok(!grep({ $_ == $before[0] } @after), 'the killed worker was replaced');
ok(grep({ $_ == $before[1] } @after), 'the others were left alone');
my %st;
$st{get('/codes/icd10cm/E11.9')->{status}}++ for 1 .. 10;
is_deeply(\%st, { 200 => 10 }, 'the site answers after the respawn');

done_testing();
