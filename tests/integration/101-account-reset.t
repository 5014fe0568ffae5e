#!/usr/bin/env perl
# Forgot and reset password: the same answer for unknown addresses, one-use
# and expiring links, sessions ended by a reset, the per-address limit.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../lib";
use Test::More;
use Medcode;
use MedcodeAccount;

base_url();
my $pw = 'Pw-Secret-reset-1';
my $pw2 = 'Pw-Secret-reset-2';
my $email = "reset$$\@example.test";
my $u = MedcodeAccount::make_user(email => $email, password => $pw);
my $r = MedcodeAccount::login($u, $email, $pw);
is($r->{status}, 303, 'logged in');

my $b = MedcodeAccount->new;
$r = $b->get('/password/forgot');
is($r->{status}, 200, 'forgot form');
$r = $b->post('/password/forgot', { email => $email });
is($r->{status}, 403, 'no csrf: 403');
$r = $b->submit('/password/forgot', '/password/forgot', { email => $email });
is($r->{status}, 200, 'known address: 200');
my $known = $r->{content};
$r = $b->submit('/password/forgot', '/password/forgot',
    { email => "nobody$$\@example.test" });
is($r->{status}, 200, 'unknown address: 200');
my ($a1) = $known =~ /<p role="status">([^<]*)/;
my ($a2) = $r->{content} =~ /<p role="status">([^<]*)/;
is($a1, $a2, 'same answer');

my $tok = MedcodeAccount::link_token(MedcodeAccount::wait_mail($email, 1, '/password/reset'), '/password/reset');
ok($tok, 'reset mail with a link');
$r = $b->get("/password/reset?token=$tok");
is($r->{status}, 200, 'reset form');
like($r->{content}, qr/name="referrer" content="no-referrer"/, 'no referrer');
$r = $b->submit("/password/reset?token=$tok", '/password/reset',
    { token => $tok, password => 'short' });
is($r->{status}, 400, 'weak password: 400');
$r = $b->submit("/password/reset?token=$tok", '/password/reset',
    { token => $tok, password => $pw2 });
is($r->{status}, 303, 'reset: 303');
is($r->{headers}{location}, '/login?reset=1', 'to login');

$r = $u->get('/account');
is($r->{status}, 303, 'old sessions ended by the reset');
$r = MedcodeAccount::login(MedcodeAccount->new, $email, $pw);
is($r->{status}, 401, 'old password refused');
$r = MedcodeAccount::login(MedcodeAccount->new, $email, $pw2);
is($r->{status}, 303, 'new password works');

# Reused link.
$r = $b->submit("/password/reset?token=$tok", '/password/reset',
    { token => $tok, password => 'Pw-Secret-reset-3' });
is($r->{status}, 400, 'reused link: 400');

# Expired link.
$r = $b->submit('/password/forgot', '/password/forgot', { email => $email });
my $t2 = MedcodeAccount::link_token(MedcodeAccount::wait_mail($email, 2, '/password/reset'), '/password/reset');
ok($t2, 'second link');
psql("UPDATE app.user_tokens SET expires_at = now() - interval '1 second' WHERE purpose = 'reset' AND used_at IS NULL AND user_id = (SELECT id FROM app.users WHERE email = '$email')");
$r = $b->submit("/password/reset?token=$t2", '/password/reset',
    { token => $t2, password => 'Pw-Secret-reset-3' });
is($r->{status}, 400, 'expired link: 400');
like($r->{content}, qr/expired/, 'says expired');

# Tokens are stored hashed.
is(psql("SELECT count(*) FROM app.user_tokens WHERE encode(token_hash, 'escape') LIKE '%$t2%'"),
    '0', 'token not stored as is');

# The per-address limit (MEDCODE_RESET_PER_ADDR in the test env).
my $lim = $ENV{MEDCODE_RESET_PER_ADDR} // 40;
my $used = psql("SELECT coalesce(sum(count), 0) FROM app.rate_limits WHERE key = 'reset:addr:127.0.0.1' AND window_start = to_timestamp(floor(extract(epoch FROM now()) / 3600) * 3600)");
my $last;
for ($used + 1 .. $lim + 1) {
	$last = $b->submit('/password/forgot', '/password/forgot',
	    { email => "flood$$\@example.test" });
}
is($last->{status}, 429, "more than $lim requests an hour: 429");
psql("DELETE FROM app.rate_limits WHERE key = 'reset:addr:127.0.0.1'");

done_testing();
