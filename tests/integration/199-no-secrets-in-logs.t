#!/usr/bin/env perl
# After the whole suite: no test password (they all contain "Pw-Secret-"),
# no one-time link token and no session token appears in any log: the
# handlers', the mailer's, nginx's (access and error) and PostgreSQL's.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../lib";
use Test::More;
use File::Find;
use Medcode;
use MedcodeAccount;

base_url();
my $tmp = $ENV{MEDCODE_TEST_TMP} or plan skip_all => 'no MEDCODE_TEST_TMP';

# Make sure there is something to find: a reset link used now.
my $pw = 'Pw-Secret-logs-1';
my $email = "logs$$\@example.test";
my $b = MedcodeAccount::make_user(email => $email, password => $pw);
MedcodeAccount::login($b, $email, $pw);
$b->submit('/password/forgot', '/password/forgot', { email => $email });
my $tok = MedcodeAccount::link_token(MedcodeAccount::wait_mail($email, 1, '/password/reset'), '/password/reset');
ok($tok, 'a reset link to look for');
$b->get("/password/reset?token=$tok");

# Every token the mailbox saw, and the session cookies.
my @tokens = ($tok);
for my $m (glob("$ENV{MEDCODE_MAILBOX}/new/*")) {
	open(my $fh, '<', $m) or next;
	local $/;
	push @tokens, (<$fh> =~ /token=([A-Za-z0-9_-]{43})/g);
}
push @tokens, grep { defined } $b->cookie('medcode'),
    $b->cookie('__Host-medcode');
ok(@tokens > 1, scalar(@tokens) . ' tokens to look for');

sleep 1;	# buffered logs
my @logs;
find(sub { push @logs, $File::Find::name if -f && /\.log$|^postgresql/ },
    "$tmp/log", "$tmp/nginx", "$tmp/pg/log");
ok(@logs >= 3, scalar(@logs) . ' log files');
my %tok = map { $_ => 1 } @tokens;
my ($pwhits, $tokhits, $linkhits) = (0, 0, 0);
for my $f (@logs) {
	open(my $fh, '<', $f) or next;
	while (my $l = <$fh>) {
		if ($l =~ /Pw-Secret-/) {
			$pwhits++;
			diag("password in $f: $l") if $pwhits < 3;
		}
		if ($l =~ /token=/) {
			$linkhits++;
			diag("link in $f: $l") if $linkhits < 3;
		}
		for my $t ($l =~ /([A-Za-z0-9_-]{43})/g) {
			next unless $tok{$t};
			$tokhits++;
			diag("token in $f") if $tokhits < 3;
		}
	}
}
is($pwhits, 0, 'no password in any log');
is($linkhits, 0, 'no link with a token in any log');
is($tokhits, 0, 'no token in any log');

done_testing();
