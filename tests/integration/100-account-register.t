#!/usr/bin/env perl
# Register, verify, log in and out; the forms re-displayed with errors;
# unverified accounts; session cookie attributes and rotation at login.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../lib";
use Test::More;
use Medcode;
use MedcodeAccount;

base_url();
my $pw = 'Pw-Secret-register-1';
my $email = "reg$$\@example.test";
my $b = MedcodeAccount->new;

# The form and its guest csrf cookie.
my $r = $b->get('/register');
is($r->{status}, 200, 'GET /register');
like($r->{content}, qr/name="email"/, 'email field');
like($r->{content}, qr/name="password"/, 'password field');
like($r->{content}, qr/name="name"/, 'name field');
like($r->{content}, qr/name="company"/, 'company field');
like($r->{content}, qr/name="csrf" value="[A-Za-z0-9_-]{43}"/, 'csrf field');
my ($gc) = grep { /csrf=/ } $b->set_cookies;
like($gc, qr/HttpOnly/, 'csrf cookie HttpOnly');
like($gc, qr/SameSite=Lax/, 'csrf cookie SameSite=Lax');

# Errors next to fields, what was typed kept, never the password.
$r = $b->submit('/register', '/register', { email => 'not-an-address',
    password => 'short', name => 'Ann <b>', kind => 'employer' });
is($r->{status}, 400, 'bad form: 400');
like($r->{content}, qr/id="email-err"/, 'email error shown');
like($r->{content}, qr/id="password-err"/, 'password error shown');
like($r->{content}, qr/id="company-err"/, 'company required for employers');
like($r->{content}, qr/value="Ann &lt;b&gt;"/, 'name re-displayed, escaped');
unlike($r->{content}, qr/value="short"/, 'password not re-displayed');

# Missing or wrong CSRF token: 403.
$r = $b->post('/register', { email => $email, password => $pw,
    name => 'Ann' });
is($r->{status}, 403, 'no csrf: 403');
$r = $b->post('/register', { email => $email, password => $pw,
    name => 'Ann', csrf => 'x' x 43 });
is($r->{status}, 403, 'wrong csrf: 403');
is(psql("SELECT count(*) FROM app.users WHERE email = '$email'"), '0',
    'no account made without csrf');

# Register.
$r = $b->submit('/register', '/register', { email => $email,
    password => $pw, name => 'Ann Coder', kind => 'member' });
is($r->{status}, 200, 'register: 200');
like($r->{content}, qr/Check your email/, 'check your email');
like(psql("SELECT password_hash FROM app.users WHERE email = '$email'"),
    qr/^\$argon2id\$v=19\$m=65536,t=2,p=1\$/, 'argon2id hash, 64 MiB, 2 passes');

# The same address again: the same answer, no second account.
my $b2 = MedcodeAccount->new;
$r = $b2->submit('/register', '/register', { email => uc($email),
    password => $pw, name => 'Someone', kind => 'member' });
is($r->{status}, 200, 'taken address: same answer');
is(psql("SELECT count(*) FROM app.users WHERE email = '$email'"), '1',
    'still one account');

# Unverified: the right password is refused (and a new link is sent).
my $mail = MedcodeAccount::wait_mail($email, 1, '/verify');
ok($mail, 'verification mail delivered over SMTP');
$r = MedcodeAccount::login($b, $email, $pw);
is($r->{status}, 403, 'unverified: 403');
like($r->{content}, qr/confirm your email/i, 'says to confirm');

# Verify.
my $tok = MedcodeAccount::link_token($mail, '/verify');
ok($tok, 'link in the mail');
$r = $b->get("/verify?token=$tok");
is($r->{status}, 303, 'verify: 303');
is($r->{headers}{location}, '/login?verified=1', 'to the login page');
$r = $b->get("/verify?token=$tok");
is($r->{status}, 400, 'used link: 400');
$r = $b->get('/verify?token=' . ('A' x 43));
is($r->{status}, 400, 'unknown link: 400');

# Wrong password, unknown account: the same answer.
$r = MedcodeAccount::login($b, $email, 'Pw-Secret-wrong-0');
is($r->{status}, 401, 'wrong password: 401');
my $wrong = $r->{content};
$r = MedcodeAccount::login($b, "nobody$$\@example.test", 'Pw-Secret-wrong-0');
is($r->{status}, 401, 'unknown account: 401');
my ($m1) = $wrong =~ /role="alert">([^<]*)/;
my ($m2) = $r->{content} =~ /role="alert">([^<]*)/;
is($m1, $m2, 'same message for both');

# Log in: a new session cookie with the right attributes.
$b->{jar}{medcode} = 'A' x 43;	# a fixed (planted) session id
$r = MedcodeAccount::login($b, $email, $pw);
is($r->{status}, 303, 'login: 303');
is($r->{headers}{location}, '/account', 'to the dashboard');
my ($sc) = grep { /^(__Host-)?medcode=[^;]/ } $b->set_cookies;
ok($sc, 'session cookie set');
like($sc, qr/; Path=\//, 'Path=/');
like($sc, qr/; HttpOnly/, 'HttpOnly');
like($sc, qr/; SameSite=Lax/, 'SameSite=Lax');
unlike($sc, qr/Domain=/i, 'no Domain');
my $c1 = $b->cookie('medcode');
isnt($c1, 'A' x 43, 'planted id not kept (rotated)');
like($c1, qr/^[A-Za-z0-9_-]{43}$/, '256-bit token');
is(psql("SELECT count(*) FROM app.sessions s JOIN app.users u ON u.id = s.user_id WHERE u.email = '$email'"),
    '1', 'one session row');
is(psql("SELECT length(token_hash) FROM app.sessions s JOIN app.users u ON u.id = s.user_id WHERE u.email = '$email'"),
    '32', 'stored hashed');

$r = $b->get('/account');
is($r->{status}, 200, 'dashboard');
like($r->{content}, qr/Ann Coder/, 'header shows the name');
like($r->{content}, qr/action="\/logout"/, 'log out form in the header');

# A second login rotates again.
$r = MedcodeAccount::login($b, $email, $pw);
isnt($b->cookie('medcode'), $c1, 'new token at the next login');
$r = $b->get('/account');
is($r->{status}, 200, 'still logged in');

# A stolen old token is dead.
my $old = MedcodeAccount->new;
$old->{jar}{medcode} = $c1;
$r = $old->get('/account');
is($r->{status}, 303, 'old token: sent to login');

# Log out needs csrf; then the session is gone.
$r = $b->post('/logout', {});
is($r->{status}, 403, 'logout without csrf: 403');
$r = $b->submit('/account', '/logout', {});
is($r->{status}, 303, 'logout: 303');
$r = $b->get('/account');
is($r->{status}, 303, 'logged out');
like($r->{headers}{location}, qr{^/login\?next=}, 'to login with next');

# Employer registration.
my $e = "emp$$\@example.test";
MedcodeAccount::make_user(email => $e, password => $pw, kind => 'employer',
    company => 'Acme Billing');
is(psql("SELECT role || ' ' || company FROM app.users WHERE email = '$e'"),
    'employer Acme Billing', 'employer with company');

done_testing();
