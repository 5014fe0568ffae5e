# MedcodeMeter.pm: what the metering tests (120-139) share: code page
# URLs from the live releases, the guest cookie of a response, the premium
# sections of a page, many requests at once over real sockets, the
# address counter, and a logged-in user made directly in the database
# (a users row and a sessions row whose token hash is BLAKE2b-256, as
# common/session.c stores it).
package MedcodeMeter;
use strict;
use warnings;
use Exporter 'import';
use IO::Select;
use IO::Socket::INET;
use MIME::Base64 qw(encode_base64url);
use Medcode;

our @EXPORT = qw(code_paths guest_cookie set_cookies sections
    parallel_get reset_addr exhaust_addr addr_used extra_per_addr
    make_user banner_of);

# N canonical code page paths ("/codes/icd10cm/E11.9"), codes only.
sub code_paths {
	my ($n) = @_;
	my $out = psql("SELECT '/codes/' || c.code_set || '/' || c.display "
	    . "FROM app.codes c JOIN app.releases r ON r.id = c.release_id "
	    . "AND r.is_live WHERE c.kind = 'code' "
	    . "ORDER BY c.code_set, c.seq LIMIT $n");
	return split /\n/, $out;
}

# The Set-Cookie values of an HTTP::Tiny response.
sub set_cookies {
	my ($r) = @_;
	my $h = $r->{headers}{'set-cookie'};
	return () unless defined $h;
	return ref $h ? @$h : ($h);
}

# "name=value" of the guest cookie a response set, or undef.
sub guest_cookie {
	my ($r) = @_;
	for (set_cookies($r)) {
		return $1 if /^((?:__Host-)?medcode-guest=[^;]*)/;
	}
	return undef;
}

# The premium sections: [ { name, state, html } ... ].
sub sections {
	my ($html) = @_;
	my @s;
	while ($html =~ m{<section\ class="premium"\ data-section="([^"]+)"
	    \s+data-state="([^"]+)"[^>]*>(.*?)</section>}gsx) {
		push @s, { name => $1, state => $2, html => $3 };
	}
	return @s;
}

# The banner's text, or undef.
sub banner_of {
	my ($html) = @_;
	return $html =~ m{<p class="meter-text"[^>]*>([^<]*)</p>} ? $1 : undef;
}

# GET every path at once, each on its own connection: all connect, all
# send, then all are read. Returns [ { status, headers => {lc name =>
# value or [values]}, content } ] in the order of the paths.
sub parallel_get {
	my ($paths, %h) = @_;
	my ($host, $port) = base_url() =~ m{^http://([^:/]+):(\d+)}
	    or die "BASE_URL";
	my (@socks, %idx, @raw);
	for my $i (0 .. $#$paths) {
		my $s = IO::Socket::INET->new(PeerAddr => $host,
		    PeerPort => $port, Proto => 'tcp', Timeout => 20)
		    or die "connect: $!";
		$idx{fileno $s} = $i;
		$raw[$i] = '';
		push @socks, $s;
	}
	my $extra = join '', map { "$_: $h{$_}\r\n" } sort keys %h;
	for my $i (0 .. $#socks) {
		my $req = "GET $paths->[$i] HTTP/1.0\r\nHost: $host:$port\r\n"
		    . "User-Agent: medcode-tests\r\n$extra\r\n";
		syswrite($socks[$i], $req) == length $req or die "write: $!";
	}
	my $sel = IO::Select->new(@socks);
	my $deadline = time + 60;
	while ($sel->count && time < $deadline) {
		for my $s ($sel->can_read(5)) {
			my $n = sysread($s, my $chunk, 65536);
			if (!$n) {
				$sel->remove($s);
				close $s;
				next;
			}
			$raw[$idx{fileno $s}] .= $chunk;
		}
	}
	my @res;
	for my $raw (@raw) {
		my ($head, $body) = split /\r\n\r\n/, $raw, 2;
		my %hd;
		my ($status) = ($head // '') =~ m{^HTTP/\S+ (\d+)};
		for (split /\r\n/, $head // '') {
			next unless /^([^:]+):\s*(.*)$/;
			my $k = lc $1;
			if (exists $hd{$k}) {
				$hd{$k} = [ ref $hd{$k} ? @{$hd{$k}} : $hd{$k}, $2 ];
			} else {
				$hd{$k} = $2;
			}
		}
		push @res, { status => $status // 0, headers => \%hd,
		    content => $body // '' };
	}
	return @res;
}

sub extra_per_addr {
	return $ENV{MEDCODE_GUEST_EXTRA_PER_ADDR} // 2;
}

# The tests all come from 127.0.0.1: give it a fresh day.
sub reset_addr {
	psql('DELETE FROM app.meter_addr_days');
}

# Use up today's guest views of 127.0.0.1.
sub exhaust_addr {
	my $n = 1 + extra_per_addr();
	psql("INSERT INTO app.meter_addr_days (addr, day, used) VALUES "
	    . "(app.meter_addr('127.0.0.1'), app.meter_today(), $n) "
	    . "ON CONFLICT (addr, day) DO UPDATE SET used = EXCLUDED.used");
}

sub addr_used {
	return psql("SELECT coalesce(sum(used), 0) FROM app.meter_addr_days "
	    . "WHERE addr = app.meter_addr('127.0.0.1') "
	    . "AND day = app.meter_today()");
}

# A verified user with a live session, made in the database. Returns
# (user id, "Cookie" header value). role: member, employer, subscriber,
# admin; plan: free or pro.
sub make_user {
	my ($role, $plan) = @_;
	$plan //= 'free';
	open(my $ur, '<', '/dev/urandom') or die "urandom: $!";
	read($ur, my $tok, 32) == 32 or die "urandom";
	read($ur, my $tag, 6) == 6 or die "urandom";
	close $ur;
	my $hex = unpack('H*', $tok);
	open(my $py, '-|', 'python3', '-c', 'import hashlib,sys; '
	    . 'print(hashlib.blake2b(bytes.fromhex(sys.argv[1]), '
	    . 'digest_size=32).hexdigest())', $hex) or die "python3: $!";
	chomp(my $hash = <$py> // '');
	close $py;
	die "blake2b" unless $hash =~ /^[0-9a-f]{64}$/;
	my $email = 'meter-' . unpack('H*', $tag) . "\@example.org";
	my $company = $role eq 'employer' ? "'Meter Test Clinic'" : 'NULL';
	my $id = psql("INSERT INTO app.users (email, name, company, "
	    . "password_hash, role, plan, verified_at) VALUES ('$email', "
	    . "'Meter Tester', $company, '!not-a-hash', '$role', '$plan', "
	    . "now()) RETURNING id");
	psql("INSERT INTO app.sessions (token_hash, user_id, csrf, role, "
	    . "expires_at) VALUES ('\\x$hash', $id, 'test-csrf', '$role', "
	    . "now() + interval '1 hour')");
	return ($id, 'medcode=' . encode_base64url($tok));
}

1;
