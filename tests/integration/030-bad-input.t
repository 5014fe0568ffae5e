#!/usr/bin/env perl
# 030-bad-input.t: hostile and broken requests get 4xx pages, never 500:
# unknown sets and codes, overlong paths, percent-encoded junk, invalid
# UTF-8, NUL bytes, control characters, and a 1 MB query string.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../lib";
use IO::Socket::INET;
use Medcode;
use Test::More;

my $base = base_url();
my ($host, $port) = $base =~ m{^http://([^:/]+):(\d+)};

# Raw requests: HTTP::Tiny would refuse or re-encode some of these.
sub raw {
	my ($target) = @_;
	local $SIG{PIPE} = 'IGNORE';
	my $s = IO::Socket::INET->new(PeerAddr => $host, PeerPort => $port,
	    Timeout => 10) or return (0, "connect: $!");
	my $req = "GET $target HTTP/1.1\r\nHost: $host\r\nConnection: close\r\n\r\n";
	for (my $off = 0; $off < length $req; $off += 65536) {
		last unless defined syswrite($s, $req, 65536, $off);
	}
	my $reply = '';
	while (sysread($s, my $chunk, 65536)) { $reply .= $chunk; }
	close $s;
	my ($st) = $reply =~ m{^HTTP/1\.[01] (\d{3})};
	return ($st // 0, $reply);
}

my @cases = (
	[ '/codes/icd10cm/%ff%fe', 'invalid UTF-8' ],
	[ '/codes/icd10cm/%C0%AF', 'overlong UTF-8' ],
	[ '/codes/icd10cm/%00', 'NUL byte' ],
	[ '/codes/icd10cm/E11%009', 'NUL inside a code' ],
	[ '/codes/icd10cm/%zz', 'bad percent escape' ],
	[ '/codes/icd10cm/%', 'truncated escape' ],
	[ '/codes/icd10cm/%0a%0d', 'CR LF' ],
	[ '/codes/icd10cm/%1b%5b31m', 'terminal escape' ],
	[ '/codes/icd10cm/' . ('A' x 600), 'overlong code' ],
	[ '/codes/' . ('x' x 3000) . '/E11.9', 'overlong path' ],
	[ '/codes/%2e%2e/%2e%2e/etc/passwd', 'encoded dot segments' ],
	[ "/codes/icd10cm/E11.9'%20OR%201=1--", 'SQL metacharacters' ],
	[ '/codes/icd10cm/%3Cscript%3E', 'markup' ],
	[ '/codes/unknown/E11.9', 'unknown set' ],
	[ '/codes/icd10cm/Z99.999', 'unknown code' ],
	[ '/codes/cpt/ABCDE', 'wrong format for the set' ],
	[ '/api/codes/icd10cm/%ff', 'API invalid UTF-8' ],
	[ '/api/codes/nope/x', 'API unknown set' ],
	[ '/codes/icd10cm/E11.9?q=%ff%fe', 'bad query field value' ],
	[ '/codes/icd10cm/E11.9?q=%zz', 'bad query encoding' ],
	[ '/codes/icd10cm/E11.9?' . ('q=a&' x 3000), 'many parameters' ],
);
for my $c (@cases) {
	my ($st, $reply) = raw($c->[0]);
	ok($st >= 200 && $st < 500, "$c->[1]: $st, not 5xx");
	ok($st != 200 || $c->[1] =~ /query|parameters/, "$c->[1]: not a page")
	    if $st == 200;
	unlike($reply, qr/<script>/i, "$c->[1]: nothing reflected raw");
}

my ($st) = raw('/codes/icd10cm/E11.9?q=' . ('a' x (1024 * 1024)));
ok($st == 414 || $st == 400, "1 MB query string: $st");

my $r = get('/codes/icd10cm/%3Cb%3E');
unlike($r->{content}, qr/<b>/, 'input is escaped on the 404 page');
$r = get('/api/codes/icd10cm/%ff');
ok($r->{status} == 400 || $r->{status} == 404, 'API bad input status');
like($r->{headers}{'content-type'} // '', qr/json|html/, 'has a type');

done_testing();
