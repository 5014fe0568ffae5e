#!/usr/bin/env perl
# 121-meter-parallel.t: 100 parallel requests from one guest with one view
# left, for 100 different codes, give exactly one unlocked page: the view
# is decided and recorded in one transaction (common/meter.c). Then the
# unlocked code re-opens for free. The guest's cookie is obtained first,
# from a page seen while the address had no view left (so it spent none).
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../lib";
use Medcode;
use MedcodeMeter;
use Test::More;

base_url();
my $n = 100;
my @paths = code_paths($n + 1);
is(scalar @paths, $n + 1, "$n + 1 code pages") or BAIL_OUT('too few codes');
my $first = shift @paths;

# The cookie, without spending the guest's view.
reset_addr();
exhaust_addr();
my $r = get($first);
my $cookie = guest_cookie($r);
ok($cookie, 'guest cookie obtained');
is(scalar(grep { $_->{state} eq 'unlocked' } sections($r->{content})), 0,
    'address used up: locked, nothing spent');
my ($gid) = ($cookie // '') =~ /=([0-9a-f]{32})\./;
(my $uuid = $gid // '') =~ s/^(.{8})(.{4})(.{4})(.{4})(.{12})$/$1-$2-$3-$4-$5/;
is(psql("SELECT count(*) FROM app.meter_guests WHERE id = '$uuid'"), '0',
    'no guest row before the first spent view');
reset_addr();

my @res = parallel_get(\@paths, Cookie => $cookie);
is(scalar(grep { $_->{status} == 200 } @res), $n, "$n answers, all 200");
my @unlocked;
my $mixed = 0;
for my $i (0 .. $#res) {
	my @s = sections($res[$i]{content});
	my $u = grep { $_->{state} eq 'unlocked' } @s;
	$mixed++ if $u && $u != @s;
	push @unlocked, $paths[$i] if $u;
}
is(scalar @unlocked, 1, 'exactly one page unlocked')
    or diag("unlocked: @unlocked");
is($mixed, 0, 'no page half unlocked');
is(scalar(grep { defined guest_cookie($_) } @res), 0,
    'no response replaced the cookie');
is(psql("SELECT used FROM app.meter_guests WHERE id = '$uuid'"), '1',
    'quota row: one view used');
is(psql("SELECT count(*) FROM app.meter_views WHERE guest_id = '$uuid'"),
    '1', 'ledger: one row');
is(addr_used(), 1, 'address counter: one view');
my ($set, $code) = ($unlocked[0] // '') =~ m{^/codes/([^/]+)/(.+)$};
is(psql("SELECT count(*) FROM app.meter_views v JOIN app.codes c ON "
    . "c.code_set = v.code_set AND c.code = v.code JOIN app.releases r ON "
    . "r.id = c.release_id AND r.is_live WHERE v.guest_id = '$uuid' AND "
    . "c.code_set = '$set' AND c.display = '$code'"), '1',
    'the ledger names the unlocked page');

# Re-opening it is free, again and again, even in parallel.
@res = parallel_get([ ($unlocked[0] // $first) x 10 ], Cookie => $cookie);
is(scalar(grep { my @s = sections($_->{content});
    @s && !grep { $_->{state} ne 'unlocked' } @s } @res), 10,
    'ten parallel re-opens: all unlocked');
is(psql("SELECT used FROM app.meter_guests WHERE id = '$uuid'"), '1',
    're-opening spent nothing');
is(addr_used(), 1, 'nor an address view');
reset_addr();
done_testing();
