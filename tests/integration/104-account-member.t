#!/usr/bin/env perl
# Member features: favourites and notes (from the code page's forms),
# recent codes and searches on the dashboard, change password and email,
# log out everywhere, delete the account and its data.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../lib";
use Test::More;
use Medcode;
use MedcodeAccount;

base_url();
my $pw = 'Pw-Secret-member-1';
my $pw2 = 'Pw-Secret-member-2';
my $email = "feat$$\@example.test";
my $b = MedcodeAccount::make_user(email => $email, password => $pw);
MedcodeAccount::login($b, $email, $pw);
my $uid = psql("SELECT id FROM app.users WHERE email = '$email'");

# The code page shows the member's forms.
my $code = psql("SELECT c.code FROM app.codes c JOIN app.releases r ON r.id = c.release_id AND r.is_live WHERE r.dataset = 'icd10cm' AND c.kind = 'code' ORDER BY c.seq LIMIT 1");
my $r = $b->get("/codes/icd10cm/$code");
is($r->{status}, 200, 'code page');
like($r->{content}, qr/action="\/account\/favourites"/, 'favourite form');
like($r->{content}, qr/action="\/account\/notes"/, 'note form');
my ($t) = $r->{content} =~ /name="csrf" value="([^"]+)"/;
ok($t, 'csrf on the code page');
unlike(MedcodeAccount->new->get("/codes/icd10cm/$code")->{content},
    qr/account\/favourites/, 'no member forms for guests');

$r = $b->post('/account/favourites', { csrf => $t, set => 'icd10cm',
    code => $code, on => 1, next => "/codes/icd10cm/$code" });
is($r->{status}, 303, 'favourite');
is($r->{headers}{location}, "/codes/icd10cm/$code", 'back to the code');
$r = $b->post('/account/favourites', { csrf => $t, set => 'icd10cm',
    code => $code, on => 1, next => '//evil.example/' });
is($r->{headers}{location}, '/account', 'off-site return refused');
$r = $b->post('/account/favourites', { set => 'icd10cm', code => $code });
is($r->{status}, 403, 'favourite without csrf: 403');
$r = $b->post('/account/notes', { csrf => $t, set => 'icd10cm',
    code => $code, body => "Check <laterality>\nline two" });
is($r->{status}, 303, 'note saved');
is(psql("SELECT body FROM app.notes WHERE user_id = $uid"),
    "Check <laterality>\nline two", 'note stored');
psql("INSERT INTO app.recent_searches (user_id, q) VALUES ($uid, 'diabetes retinopathy')");
psql("INSERT INTO app.recent_codes (user_id, code_set, code) VALUES ($uid, 'icd10cm', '$code')");

$r = $b->get('/account');
is($r->{status}, 200, 'dashboard');
like($r->{content}, qr/id="favourites".*\Q$code\E/s, 'favourite listed');
like($r->{content}, qr/Check &lt;laterality&gt;/, 'note listed, escaped');
like($r->{content}, qr/diabetes retinopathy/, 'recent search listed');

# Change password: wrong current refused; right one rotates the session.
$r = $b->submit('/account', '/account/password', { password => 'Pw-Secret-nope-1',
    new_password => $pw2 });
is($r->{status}, 400, 'wrong current password: 400');
my $other = MedcodeAccount->new;
MedcodeAccount::login($other, $email, $pw);
is($other->get('/account')->{status}, 200, 'second browser logged in');
my $c0 = $b->cookie('medcode');
$r = $b->submit('/account', '/account/password', { password => $pw,
    new_password => $pw2 });
is($r->{status}, 303, 'password changed');
isnt($b->cookie('medcode'), $c0, 'new session token');
is($b->get('/account')->{status}, 200, 'this browser still logged in');
is($other->get('/account')->{status}, 303, 'other browsers logged out');

# Change email: takes effect when the link is opened.
my $new = "feat-new$$\@example.test";
$r = $b->submit('/account', '/account/email', { email => $new,
    password => $pw2 });
is($r->{status}, 303, 'email change requested');
is(psql("SELECT email FROM app.users WHERE id = $uid"), $email,
    'not changed yet');
my $tok = MedcodeAccount::link_token(MedcodeAccount::wait_mail($new, 1, '/verify'), '/verify');
ok($tok, 'link sent to the new address');
$r = $b->get("/verify?token=$tok");
is($r->{status}, 303, 'confirmed');
is(psql("SELECT email FROM app.users WHERE id = $uid"), $new, 'changed');

# Log out everywhere.
MedcodeAccount::login($other, $new, $pw2);
$r = $b->submit('/account', '/account/sessions', {});
is($r->{status}, 303, 'log out everywhere');
is($b->get('/account')->{status}, 303, 'this browser logged out');
is($other->get('/account')->{status}, 303, 'the other too');

# Delete the account and its data.
MedcodeAccount::login($b, $new, $pw2);
$r = $b->submit('/account', '/account/delete', { password => 'Pw-Secret-nope-1' });
is($r->{status}, 400, 'delete with a wrong password: 400');
$r = $b->submit('/account', '/account/delete', { password => $pw2 });
is($r->{status}, 303, 'deleted');
is(psql("SELECT (SELECT count(*) FROM app.users WHERE id = $uid) + (SELECT count(*) FROM app.favourites WHERE user_id = $uid) + (SELECT count(*) FROM app.notes WHERE user_id = $uid) + (SELECT count(*) FROM app.sessions WHERE user_id = $uid) + (SELECT count(*) FROM app.recent_searches WHERE user_id = $uid)"),
    '0', 'account and its data gone');
is($b->get('/account')->{status}, 303, 'logged out');

done_testing();
