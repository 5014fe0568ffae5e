#!/usr/bin/env perl
# 122-meter-addr.t: a guest who clears cookies is bounded per address: each
# new cookie is a new guest, but an address gets at most
# 1 + MEDCODE_GUEST_EXTRA_PER_ADDR guest views a UTC day; a guest with a
# view of its own left is locked once the address has none; the next day
# the address has views again. Parallel cookieless guests cannot overrun
# the address either.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../lib";
use Medcode;
use MedcodeMeter;
use Test::More;

base_url();
my $extra = extra_per_addr();
my $limit = 1 + $extra;
my @paths = code_paths($limit + 4);
is(scalar @paths, $limit + 4, 'enough code pages') or BAIL_OUT('codes');

reset_addr();
my (@states, @cookies);
for my $p (@paths[0 .. $limit + 1]) {
	my $r = get($p);		# no cookie: a browser that cleared them
	my @s = sections($r->{content});
	push @states, (@s && !grep { $_->{state} ne 'unlocked' } @s) ? 1 : 0;
	push @cookies, guest_cookie($r);
}
is(join('', @states), ('1' x $limit) . '00',
    "cleared cookies: $limit views (1 + $extra extra), then locked");
is(scalar(grep { defined } @cookies), $limit + 2, 'each got a new cookie');
is(addr_used(), $limit, "address counter at $limit");

# The last guest never spent its own view, yet the address is used up.
my $r = get($paths[$limit + 2], Cookie => $cookies[-1]);
is(scalar(grep { $_->{state} eq 'unlocked' } sections($r->{content})), 0,
    'a guest with a view left is locked on a used-up address');
like(banner_of($r->{content}) // '', qr/^0 code page views remaining\./,
    'its banner says 0');

# A new UTC day: the address has views again.
psql('UPDATE app.meter_addr_days SET day = day - 1');
$r = get($paths[$limit + 2], Cookie => $cookies[-1]);
my @s = sections($r->{content});
ok(@s && !grep({ $_->{state} ne 'unlocked' } @s), 'next day: unlocked');
is(addr_used(), 1, 'the new day counts from 1');

# Many cookieless guests at once cannot take more than the address has.
reset_addr();
my @res = parallel_get([ @paths[0 .. $limit + 3] ]);
my $u = grep { my @x = sections($_->{content});
    @x && !grep { $_->{state} ne 'unlocked' } @x } @res;
is($u, $limit, "parallel cookieless guests: exactly $limit unlocked");
is(addr_used(), $limit, 'address counter agrees');
reset_addr();
done_testing();
