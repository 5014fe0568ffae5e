#!/usr/bin/env perl
# Lockout (ASVS 2.2.1): failed logins per account are limited whether or
# not the account exists; an admin-locked account cannot log in.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../lib";
use Test::More;
use Time::HiRes qw(time);
use Medcode;
use MedcodeAccount;

base_url();
my $pw = 'Pw-Secret-lock-1';
my $email = "lock$$\@example.test";
MedcodeAccount::make_user(email => $email, password => $pw);
my $lim = $ENV{MEDCODE_LOGIN_FAIL_ACCOUNT} // 10;
my $b = MedcodeAccount->new;

# Timing: a known and an unknown address cost about the same.
my ($tk, $tu) = (0, 0);
for (1 .. 3) {
	my $t0 = time;
	MedcodeAccount::login($b, $email, 'Pw-Secret-wrong-1');
	$tk += time - $t0;
	$t0 = time;
	MedcodeAccount::login($b, "ghost$$\@example.test", 'Pw-Secret-wrong-1');
	$tu += time - $t0;
}
my $ratio = $tk > $tu ? $tk / $tu : $tu / $tk;
ok($ratio < 2.5, sprintf('similar timing (known %.3fs, unknown %.3fs)',
    $tk / 3, $tu / 3));

my $r;
for (4 .. $lim) {
	$r = MedcodeAccount::login($b, $email, 'Pw-Secret-wrong-1');
}
is($r->{status}, 401, "failure $lim: 401");
$r = MedcodeAccount::login($b, $email, $pw);
is($r->{status}, 429, 'then even the right password: 429');
for (4 .. $lim) {
	$r = MedcodeAccount::login($b, "ghost$$\@example.test", 'x' x 12);
}
is($r->{status}, 401, 'unknown account: 401 ...');
$r = MedcodeAccount::login($b, "ghost$$\@example.test", 'x' x 12);
is($r->{status}, 429, '... then 429, as for a real one');
ok(psql("SELECT failed_logins FROM app.users WHERE email = '$email'") >= $lim,
    'failures counted on the account');

# The window passes (simulated): the right password works again.
psql("DELETE FROM app.rate_limits WHERE key = 'login-fail:acct:$email'");
$r = MedcodeAccount::login($b, $email, $pw);
is($r->{status}, 303, 'after the window: login');
is(psql("SELECT failed_logins FROM app.users WHERE email = '$email'"), '0',
    'failures reset by a good login');

# Locked by an admin: sessions end, login refused.
psql("UPDATE app.users SET locked_at = now() WHERE email = '$email'");
$r = $b->get('/account');
is($r->{status}, 303, 'locked: session no longer valid');
$r = MedcodeAccount::login(MedcodeAccount->new, $email, $pw);
is($r->{status}, 403, 'locked: 403');
like($r->{content}, qr/locked/, 'says locked');
psql("UPDATE app.users SET locked_at = NULL WHERE email = '$email'");

# Session idle timeout and absolute lifetime.
my $c = MedcodeAccount->new;
MedcodeAccount::login($c, $email, $pw);
is($c->get('/account')->{status}, 200, 'fresh session');
psql("UPDATE app.sessions SET last_seen = now() - interval '3 hours' WHERE user_id = (SELECT id FROM app.users WHERE email = '$email')");
is($c->get('/account')->{status}, 303, 'idle session expired');
MedcodeAccount::login($c, $email, $pw);
psql("UPDATE app.sessions SET expires_at = now() - interval '1 second' WHERE user_id = (SELECT id FROM app.users WHERE email = '$email')");
is($c->get('/account')->{status}, 303, 'session past its lifetime');

done_testing();
