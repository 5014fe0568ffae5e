#!/usr/bin/env perl
# 040-pg-restart.t: PostgreSQL restarted while the site runs. Requests
# during the outage get 503; afterwards the same worker processes answer
# 200 again, without being restarted.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../lib";
use Medcode;
use Test::More;

base_url();
my $ctl = "$ENV{MEDCODE_REPO}/tests/integration/ctl";
sub pids { my @p = sort split /\s+/, `$ctl pids`; return "@p"; }

my $before = pids();
ok($before ne '', "workers: $before");
is(get('/codes/icd10cm/E11.9')->{status}, 200, 'up before');

system($ctl, 'pg-stop') == 0 or BAIL_OUT('pg-stop failed');
my %seen;
for (1 .. 6) {
	my $r = get('/codes/icd10cm/E11.9');
	$seen{$r->{status}}++;
}
is_deeply([ sort keys %seen ], [ 503 ], 'every request during the outage is 503');
my $r = get('/codes/icd10cm/E11.9');
like($r->{content}, qr/database/i, 'the 503 page says why');
is(get('/api/codes/icd10cm/E11.9')->{status}, 503, 'API 503 too');
is(get('/')->{status}, 200, 'static pages still served');

system($ctl, 'pg-start') == 0 or BAIL_OUT('pg-start failed');
my $ok = 0;
for (1 .. 20) {
	my %st;
	$st{get('/codes/icd10cm/E11.9')->{status}}++ for 1 .. 8;
	if (($st{200} // 0) == 8) { $ok = 1; last; }
	select(undef, undef, undef, 0.25);
}
ok($ok, 'every worker answers 200 again');
is(pids(), $before, 'the same worker processes (none restarted)');

done_testing();
