#!/usr/bin/env perl
# 120-meter-guest.t: a guest's one view (DESIGN.md, "Metering"): the
# signed guest cookie and its attributes, the banner in the site's words,
# re-opening an unlocked code for free, locked sections with only their
# heading, blurb and the call to action (no premium data in the HTML or
# the API), HEAD spending nothing, a forged cookie being a new guest.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../lib";
use Medcode;
use MedcodeMeter;
use Test::More;

base_url();
my @paths = code_paths(4);
is(scalar @paths, 4, 'four code pages to open') or BAIL_OUT('no codes');
my ($a1, $a2, $a3, $a4) = @paths;
reset_addr();
my $ledger0 = psql('SELECT count(*) FROM app.meter_views');

# The first view: unlocked, and the guest gets a signed cookie.
my $r = get($a1);
is($r->{status}, 200, "$a1 as a new guest");
my @sc = grep { /medcode-guest=/ } set_cookies($r);
is(scalar @sc, 1, 'one guest cookie set');
my $sc = $sc[0] // '';
like($sc, qr/^medcode-guest=[0-9a-f]{32}\.[A-Za-z0-9_-]{43};/,
    'cookie: id and tag (plain http: no __Host- prefix)');
like($sc, qr/; HttpOnly/, 'HttpOnly');
like($sc, qr/; SameSite=Lax/, 'SameSite=Lax');
like($sc, qr/; Path=\//, 'Path=/');
unlike($sc, qr/;\s*Domain=/i, 'no Domain');
like($sc, qr/; Max-Age=\d+/, 'outlives the browser session');
like($r->{headers}{'cache-control'} // '', qr/private/,
    'metered page is private to its viewer');
my $cookie = guest_cookie($r);
my @s = sections($r->{content});
ok(@s >= 3, 'premium sections present');
is(scalar(grep { $_->{state} eq 'unlocked' } @s), scalar @s,
    'all unlocked by the view');
is(banner_of($r->{content}), '0 code page views remaining. Guest '
    . 'accounts are limited to 1 page view. Register free account to get '
    . '5 more views.', 'banner in the site\'s words');
like($r->{content}, qr{<aside class="meter-banner[^"]*"[^>]*data-remaining="0"},
    'banner markup');
like($r->{content}, qr{<aside class="meter-banner.*?href="/register">Register</a>.*?href="/login">Log in</a>.*?</aside>}s,
    'banner offers Register and Log in');
my ($gid) = $cookie =~ /=([0-9a-f]{32})\./;
(my $uuid = $gid) =~ s/^(.{8})(.{4})(.{4})(.{4})(.{12})$/$1-$2-$3-$4-$5/;
is(psql("SELECT used FROM app.meter_guests WHERE id = '$uuid'"), '1',
    'guest quota row: 1 used');
is(psql("SELECT count(*) FROM app.meter_views WHERE guest_id = '$uuid' "
    . "AND addr = '127.0.0.1' AND spent"), '1', 'ledger: one view, with the address');
is(addr_used(), 1, 'the address counted one guest view');

# The second code: locked.
$r = get($a2, Cookie => $cookie);
is($r->{status}, 200, "$a2 with the cookie");
is(guest_cookie($r), undef, 'a valid cookie is not replaced');
@s = sections($r->{content});
ok(@s >= 3, 'sections still listed');
is(scalar(grep { $_->{state} eq 'locked' } @s), scalar @s, 'all locked');
my $clean = 1;
for my $sec (@s) {
	my $h = $sec->{html};
	$h =~ s{<h2>[^<]*</h2>}{};
	$h =~ s{<p class="blurb">[^<]*</p>}{};
	$h =~ s{<p class="cta"><a class="btn btn-primary" href="/register">Register to view content</a> <a class="btn" href="/login">Log in</a></p>}{};
	$h =~ s/\s+//g;
	if ($h ne '') {
		$clean = 0;
		diag("locked $sec->{name} holds: $h");
	}
}
ok($clean, 'locked sections: heading, blurb, Register / Log in only');
unlike($r->{content}, qr/premium-body|premium-empty/, 'no premium body at all');
like($r->{content}, qr/Register to view content/, 'call to action');
is(banner_of($r->{content}), '0 code page views remaining. Guest '
    . 'accounts are limited to 1 page view. Register free account to get '
    . '5 more views.', 'banner: none left');
like($r->{content}, qr/class="meter-banner meter-out"/, 'banner marks none left');

# The API sends no premium field for a locked code.
(my $api = $a2) =~ s{^/codes/}{/api/codes/};
$r = get($api, Cookie => $cookie);
is($r->{status}, 200, "$api");
my $j = json_of($r) // {};
my @premium = grep { exists $j->{$_} } qw(payment ncci mue modifiers
    guidelines history similar rvu rvus fee fees edits);
is("@premium", '', 'no premium fields in the API for a locked code');
if (ref $j->{premium} eq 'HASH') {
	for my $k (sort keys %{$j->{premium}}) {
		my $v = $j->{premium}{$k};
		ok(ref $v ne 'HASH' || ($v->{state} // '') eq 'locked' &&
		    keys(%$v) <= 3, "API premium.$k carries no data");
	}
}

# Re-opening the unlocked code is free.
$r = get($a1, Cookie => $cookie);
@s = sections($r->{content});
is(scalar(grep { $_->{state} eq 'unlocked' } @s), scalar @s,
    're-opened code still unlocked');
is(psql("SELECT used FROM app.meter_guests WHERE id = '$uuid'"), '1',
    're-opening spent nothing');
is(psql("SELECT count(*) FROM app.meter_views WHERE guest_id = '$uuid'"),
    '1', 'ledger unchanged');

# HEAD spends nothing and hands out no identity.
reset_addr();
$r = head($a3);
is($r->{status}, 200, "HEAD $a3");
is(guest_cookie($r), undef, 'HEAD sets no guest cookie');
is(addr_used(), 0, 'HEAD spent no address view');
is(psql('SELECT count(*) FROM app.meter_views') - $ledger0, 1,
    'HEAD wrote no ledger row');

# A forged or tampered cookie is a new guest, not the old one.
(my $forged = $cookie) =~ s/\.(.)/'.' . ($1 eq 'A' ? 'B' : 'A')/e;
$r = get($a3, Cookie => $forged);
my $new = guest_cookie($r);
ok(defined $new && $new ne $cookie, 'tampered cookie: a new guest cookie');
@s = sections($r->{content});
is(scalar(grep { $_->{state} eq 'unlocked' } @s), scalar @s,
    'the new guest has its own view');
is(psql("SELECT used FROM app.meter_guests WHERE id = '$uuid'"), '1',
    'the old guest was not charged');

# Garbage cookies are refused without an error.
for my $bad ('medcode-guest=', 'medcode-guest=zz', "medcode-guest=$gid.",
    'medcode-guest=' . ('a' x 200)) {
	$r = get($a4, Cookie => $bad);
	is($r->{status}, 200, "cookie '" . substr($bad, 0, 30) . "': page served");
}
reset_addr();
done_testing();
