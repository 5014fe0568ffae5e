#!/usr/bin/env perl
# /admin/users: only admins; role and plan changes, lock and unlock, the
# view ledger; a role change by a non-admin is 403; a change of role
# rotates the user's session token.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../lib";
use Test::More;
use Medcode;
use MedcodeAccount;

base_url();
my $pw = 'Pw-Secret-admin-1';
my $admin = "admin$$\@example.test";
my $user = "member$$\@example.test";
{
	local $ENV{MEDCODE_DB} = "host=$ENV{PGHOST} port=$ENV{PGPORT} dbname=$ENV{PGDATABASE}";
	local $ENV{MEDCODE_ADMIN_PASSWORD} = $pw;
	my $out = `$ENV{MEDCODE_REPO}/build/bin/medcode-admin create $admin 2>&1`;
	is($?, 0, 'medcode-admin create');
	unlike($out, qr/\Q$pw\E/, 'password not printed');
}
my $m = MedcodeAccount::make_user(email => $user, password => $pw);
MedcodeAccount::login($m, $user, $pw);
my $uid = psql("SELECT id FROM app.users WHERE email = '$user'");

# Guests and members.
my $g = MedcodeAccount->new;
is($g->get('/admin/users')->{status}, 303, 'guest: to login');
my $r = $m->get('/admin/users');
is($r->{status}, 403, 'member: 403');
unlike($r->{content}, qr/Admin<\/a>/, 'no admin link for a member');
my $t = $m->csrf('/account');
$r = $m->post("/admin/users/$uid", { csrf => $t, action => 'role',
    role => 'admin' });
is($r->{status}, 403, 'role change by a non-admin: 403');
is(psql("SELECT role FROM app.users WHERE id = $uid"), 'member',
    'role unchanged');

# The admin.
my $a = MedcodeAccount->new;
$r = MedcodeAccount::login($a, $admin, $pw);
is($r->{status}, 303, 'admin logs in');
$r = $a->get('/admin/users?q=' . "member$$");
is($r->{status}, 200, 'user search');
like($r->{content}, qr/\Q$user\E/, 'finds the member');
like($r->{content}, qr/href="\/admin\/users"/, 'admin link in the header');
$r = $a->get("/admin/users/$uid");
is($r->{status}, 200, 'user page');
like($r->{content}, qr/View ledger/, 'ledger section');
is($a->get('/admin/users/999999999')->{status}, 404, 'no such user: 404');

# CSRF on admin forms.
$r = $a->post("/admin/users/$uid", { action => 'plan', plan => 'pro' });
is($r->{status}, 403, 'admin form without csrf: 403');

my $before = $m->cookie('medcode');
$r = $a->submit("/admin/users/$uid", "/admin/users/$uid",
    { action => 'role', role => 'subscriber' });
is($r->{status}, 303, 'role change');
is(psql("SELECT role FROM app.users WHERE id = $uid"), 'subscriber',
    'role is subscriber');
$r = $m->get('/account');
is($r->{status}, 200, 'member still logged in');
isnt($m->cookie('medcode'), $before, 'session token rotated at the role change');
my $old = MedcodeAccount->new;
$old->{jar}{medcode} = $before;
is($old->get('/account')->{status}, 303, 'the old token is dead');

$r = $a->submit("/admin/users/$uid", "/admin/users/$uid",
    { action => 'plan', plan => 'pro' });
is(psql("SELECT plan FROM app.users WHERE id = $uid"), 'pro', 'plan pro');
$r = $a->submit("/admin/users/$uid", "/admin/users/$uid",
    { action => 'role', role => 'king' });
is($r->{status}, 400, 'unknown role: 400');

$r = $a->submit("/admin/users/$uid", "/admin/users/$uid",
    { action => 'lock' });
is($r->{status}, 303, 'lock');
is($m->get('/account')->{status}, 303, 'locked user logged out');
is(MedcodeAccount::login(MedcodeAccount->new, $user, $pw)->{status}, 403,
    'locked user cannot log in');
$r = $a->submit("/admin/users/$uid", "/admin/users/$uid",
    { action => 'unlock' });
is(MedcodeAccount::login(MedcodeAccount->new, $user, $pw)->{status}, 303,
    'unlocked user logs in');

done_testing();
