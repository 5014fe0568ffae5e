#!/usr/bin/env perl
# 123-meter-accounts.t: a free account (member, employer) has 6 views in
# all (the guest's 1 and "5 more"): the banner counts down from 5 to 0 and
# the seventh code is locked, also when 30 codes are asked for at once;
# re-opening is free. Subscribers, admins and the pro plan are unlimited:
# no banner, every section unlocked, views kept in the ledger unspent.
# Users and sessions are made in the database (MedcodeMeter::make_user).
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../lib";
use Medcode;
use MedcodeMeter;
use Test::More;

base_url();
my @paths = code_paths(40);
is(scalar @paths, 40, '40 code pages') or BAIL_OUT('too few codes');

sub unlocked {
	my ($r) = @_;
	my @s = sections($r->{content});
	return @s && !grep { $_->{state} ne 'unlocked' } @s;
}

sub member_banner {
	my ($n) = @_;
	return "$n code page " . ($n == 1 ? 'view' : 'views') . ' remaining. '
	    . 'Free accounts are limited to 6 page views. Subscribers have '
	    . 'unlimited views.';
}

# A member, one page at a time: 5, 4, 3, 2, 1, 0, then locked.
my ($uid, $cookie) = make_user('member');
my $r = get('/codes/icd10cm/E11.9', Cookie => $cookie);
is($r->{status}, 200, 'member session accepted');
is(guest_cookie($r), undef, 'a member gets no guest cookie');
my @banners;
for my $i (0 .. 6) {
	$r = get($paths[$i], Cookie => $cookie);
	push @banners, banner_of($r->{content}) // 'none';
	if ($i < 5) {
		ok(unlocked($r), "member view " . ($i + 2) . ': unlocked');
	} elsif ($i == 5) {
		ok(!unlocked($r), 'member view 7: locked');
		unlike($r->{content}, qr{href="/register">Register to view},
		    'no Register call to action for a member');
		like($r->{content}, qr/free views are used up/,
		    'says the free views are used up');
		unlike($r->{content}, qr/premium-body|premium-empty/,
		    'no premium body');
	}
}
is_deeply([ @banners[0 .. 4] ], [ map { member_banner($_) } 4, 3, 2, 1, 0 ],
    'banner counts down (E11.9 took the first view)');
is($banners[5], member_banner(0), 'seventh: 0 remaining');
is(psql("SELECT used FROM app.meter_accounts WHERE user_id = $uid"), '6',
    'quota row: 6 used');
is(psql("SELECT count(*) FROM app.meter_views WHERE user_id = $uid AND "
    . "spent AND addr IS NULL"), '6', 'ledger: 6 spent views, no address');
$r = get('/codes/icd10cm/E11.9', Cookie => $cookie);
ok(unlocked($r), 're-opening the first is free');
is(banner_of($r->{content}), member_banner(0), 'still 0 remaining');

# Thirty at once: exactly six.
my ($uid2, $cookie2) = make_user('member');
my @res = parallel_get([ @paths[0 .. 29] ], Cookie => $cookie2);
is(scalar(grep { $_->{status} == 200 } @res), 30, '30 parallel answers');
is(scalar(grep { unlocked($_) } @res), 6,
    '30 parallel codes: exactly 6 unlocked');
is(psql("SELECT used FROM app.meter_accounts WHERE user_id = $uid2"), '6',
    'quota row agrees');
is(psql("SELECT count(*) FROM app.meter_views WHERE user_id = $uid2"), '6',
    'ledger agrees');

# An employer is a free account too.
my ($eid, $ecookie) = make_user('employer');
my $n = 0;
for my $p (@paths[10 .. 17]) {
	$n++ if unlocked(get($p, Cookie => $ecookie));
}
is($n, 6, 'employer: 6 of 8 unlocked');

# Unlimited viewers.
for my $who ([ 'subscriber', 'free' ], [ 'admin', 'free' ],
    [ 'member', 'pro' ]) {
	my ($id, $c) = make_user(@$who);
	my $all = 1;
	my $banner = 0;
	for my $p (@paths[0 .. 9]) {
		$r = get($p, Cookie => $c);
		$all = 0 unless unlocked($r);
		$banner++ if defined banner_of($r->{content});
	}
	ok($all, "$who->[0]/$who->[1]: 10 of 10 unlocked");
	is($banner, 0, "$who->[0]/$who->[1]: no banner");
	is(psql("SELECT count(*) FROM app.meter_views WHERE user_id = $id "
	    . "AND NOT spent"), '10', "$who->[0]/$who->[1]: ledger kept, unspent");
	is(psql("SELECT count(*) FROM app.meter_accounts WHERE user_id = $id"),
	    '0', "$who->[0]/$who->[1]: no quota row");
}

# Deleting an account deletes its ledger.
psql("DELETE FROM app.users WHERE id = $uid");
is(psql("SELECT count(*) FROM app.meter_views WHERE user_id = $uid"), '0',
    'deleting the user deleted its views');
done_testing();
