#!/usr/bin/env perl
# 001-smoke.t: nginx in front of everything: the home page and static files
# with their security headers, gzip, request size limits, 404s, the admin
# fence, and that FastCGI locations reach a handler.
use strict;
use warnings;
use HTTP::Tiny;
use IO::Socket::INET;
use IO::Uncompress::Gunzip qw(gunzip $GunzipError);
use Test::More;

my $base = $ENV{BASE_URL}
    or plan skip_all => 'BASE_URL is not set: run through tests/run';
my ($host, $port) = $base =~ m{^http://([^:/]+):(\d+)}
    or BAIL_OUT("cannot parse BASE_URL $base");
my $http = HTTP::Tiny->new(timeout => 10, max_redirect => 0);

# A raw request for limits HTTP::Tiny would trip over (nginx answers and
# closes before it has read everything). Returns the status code.
sub raw_status {
	my ($request) = @_;
	local $SIG{PIPE} = 'IGNORE';
	my $s = IO::Socket::INET->new(PeerAddr => $host, PeerPort => $port,
	    Timeout => 10) or return "connect: $!";
	for (my $off = 0; $off < length $request; $off += 65536) {
		last unless defined syswrite($s, $request, 65536, $off);
	}
	my $reply = '';
	while (sysread($s, my $chunk, 4096)) {
		$reply .= $chunk;
		last if $reply =~ /\r\n\r\n/;
	}
	close $s;
	return $reply =~ m{^HTTP/1\.[01] (\d{3})} ? $1 : "no status: $reply";
}

sub security_headers {
	my ($r, $what) = @_;
	my $h = $r->{headers};
	is($h->{'x-content-type-options'}, 'nosniff', "$what: nosniff");
	is($h->{'referrer-policy'}, 'strict-origin-when-cross-origin',
	    "$what: Referrer-Policy");
	is($h->{'x-frame-options'}, 'DENY', "$what: X-Frame-Options");
	like($h->{'content-security-policy'} // '',
	    qr/default-src 'self'.*frame-ancestors 'none'/,
	    "$what: Content-Security-Policy");
}

# The home page.
my $home = $http->get("$base/");
is($home->{status}, 200, 'GET / is 200');
like($home->{headers}{'content-type'} // '', qr{^text/html},
    'GET / is text/html');
like($home->{content}, qr/<html/i, 'GET / is an HTML page');
security_headers($home, 'GET /');
is($home->{headers}{server}, 'nginx', 'no version in the Server header');

# gzip on the HTML.
my $gz = $http->get("$base/", { headers => { 'Accept-Encoding' => 'gzip' } });
is($gz->{status}, 200, 'GET / with Accept-Encoding: gzip is 200');
is($gz->{headers}{'content-encoding'}, 'gzip', 'the HTML is gzipped');
my $plain;
ok(gunzip(\$gz->{content} => \$plain) && $plain eq $home->{content},
    'the gzipped HTML decompresses to the page')
    or diag($GunzipError);

# The stylesheet the home page links to (else the first one in www/static).
my ($css) = $home->{content} =~
    m{<link\b[^>]*\brel=["']?stylesheet["']?[^>]*\bhref=["']([^"']+)["']}i;
($css) = $home->{content} =~
    m{<link\b[^>]*\bhref=["']([^"']+\.css)["']}i unless defined $css;
if (!defined $css) {
	my $dir = ($ENV{MEDCODE_REPO} // '.') . '/www/static';
	opendir(my $dh, $dir);
	($css) = sort grep { /\.css$/ } readdir($dh // return);
	$css = "/static/$css" if defined $css;
}
ok(defined $css, 'a stylesheet exists') or $css = '/static/style.css';
$css =~ s{^\Q$base\E}{};
my $r = $http->get("$base$css");
my $css_size = length $r->{content};
is($r->{status}, 200, "GET $css is 200");
like($r->{headers}{'content-type'} // '', qr{^text/css}, "$css is text/css");
security_headers($r, "GET $css");
$r = $http->get("$base$css", { headers => { 'Accept-Encoding' => 'gzip' } });
is($r->{headers}{'content-encoding'} // '',
    $css_size >= 256 ? 'gzip' : '',
    "$css is gzipped when it is big enough");

# Unknown paths, the admin fence.
$r = $http->get("$base/no-such-page-$$");
is($r->{status}, 404, 'an unknown path is 404');
is($r->{headers}{'x-content-type-options'}, 'nosniff',
    'the static 404 has the security headers');
$r = $http->get("$base/admin/not-a-page");
is($r->{status}, 403, 'an /admin/ path outside the listed ones is 403');
$r = $http->get("$base/static/../../etc/passwd");
isnt($r->{status}, 200, 'no path traversal out of the static root');

# Limits enforced by nginx before a handler sees anything.
my $q = 'q=' . ('a' x (1024 * 1024));
like(raw_status("GET /search?$q HTTP/1.1\r\nHost: $host\r\n"
    . "Connection: close\r\n\r\n"), qr/^(414|400)$/,
    'a 1 MB query string is 414 or 400');
like(raw_status("GET / HTTP/1.1\r\nHost: $host\r\nX-Big: "
    . ('b' x 16384) . "\r\nConnection: close\r\n\r\n"), qr/^(400|431)$/,
    'a 16 KB header is 400');
is(raw_status("POST /search HTTP/1.1\r\nHost: $host\r\n"
    . "Content-Type: application/x-www-form-urlencoded\r\n"
    . "Content-Length: 2000000\r\nConnection: close\r\n\r\n"), 413,
    'a 2 MB body is 413');

# FastCGI locations reach the lookup handler, which sets its own headers
# (nginx must not add a second CSP to dynamic responses).
for my $path ('/search?q=diabetes', '/codes') {
	$r = $http->get("$base$path");
	unlike($r->{status}, qr/^(502|504)$/, "GET $path reaches the handler")
	    or diag("status $r->{status}");
	ok(!ref $r->{headers}{'content-security-policy'},
	    "GET $path has at most one Content-Security-Policy");
}

done_testing();
