#!/usr/bin/perl
# 080-premium-pages.t: the premium pages and APIs (issue 5) over the real
# CMS files: NCCI pair checks asserted against rows this test reads from
# the PTP table itself (indicator 0 and 1, a deleted edit, a pair with no
# edit, the reversed order), MUE rows from the MUE CSV, and payments
# computed here from the PPRRVU and GPCI files with the PFS formula, in
# integer arithmetic, rounded to cents. Premium data is metered: the test
# uses one guest cookie whose codes it unlocks in the view ledger (as the
# owner role), and checks that a code outside it is refused with 403.
use strict;
use warnings;
use lib "$ENV{MEDCODE_REPO}/tests/lib";
use Medcode;
use Test::More;
use Time::Local qw(timegm);

my $data = need_data();
my $ptp = "$data/ncci/ptp_practitioner_2024q2_v301.tsv.gz";

# --- the files' own rows ---------------------------------------------
# Pass 1: candidates (the first active edit with indicator 0, the first
# with 1, the first deleted edit, from different lines of the file).
my (%cand, @picks);
open(my $fh, '-|', 'zcat', $ptp) or die "zcat: $!";
my $hdr = <$fh>;
my $rows = 0;
while (my $l = <$fh>) {
	$rows++;
	next if @picks >= 12;
	chomp $l;
	$l =~ s/\r$//;
	my ($c1, $c2, $p96, $del, $mod, $rid) = split /\t/, $l;
	next if $rows % 997;	# spread the picks over the file
	my $kind = $del ne '*' ? 'deleted' : "mod$mod";
	next if grep { $_->{kind} eq $kind } @picks and
	    (grep { $_->{kind} eq $kind } @picks) >= 3;
	push @picks, { c1 => $c1, c2 => $c2, del => $del, mod => $mod,
	    rid => $rid, kind => $kind };
}
close $fh;
is($rows, 2545089, 'PTP table: 2,545,089 rows');

# Pass 2: every row of those pairs, in either order.
my %key = map { ("$_->{c1}|$_->{c2}" => 1, "$_->{c2}|$_->{c1}" => 1) } @picks;
$key{'36415|99213'} = $key{'99213|36415'} = 1;
my %seen;
open($fh, '-|', 'zcat', $ptp) or die "zcat: $!";
<$fh>;
while (my $l = <$fh>) {
	chomp $l;
	$l =~ s/\r$//;
	my ($c1, $c2, $p96, $del, $mod) = split /\t/, $l;
	push @{$seen{"$c1|$c2"}}, [$del, $mod] if $key{"$c1|$c2"};
}
close $fh;
# Keep picks whose pair has exactly its one row (no other row either way).
@picks = grep { @{$seen{"$_->{c1}|$_->{c2}"}} == 1 &&
    !$seen{"$_->{c2}|$_->{c1}"} } @picks;
ok((grep { $_->{kind} eq 'mod0' } @picks), 'picked an indicator-0 edit');
ok((grep { $_->{kind} eq 'mod1' } @picks), 'picked an indicator-1 edit');
ok((grep { $_->{kind} eq 'deleted' } @picks), 'picked a deleted edit');
ok(!$seen{'36415|99213'} && !$seen{'99213|36415'},
    '36415 + 99213: no row in the file');

# --- a guest whose codes are unlocked --------------------------------
my $first = get('/api/mue/97110');
my ($cookie) = ($first->{headers}{'set-cookie'} // '') =~
    /(medcode-guest=[^;]+)/;
ok($cookie, 'a guest cookie') or BAIL_OUT('no guest cookie');
my ($hex) = $cookie =~ /=([0-9a-f]{32})\./;
my $uuid = join '-', unpack 'A8 A4 A4 A4 A12', $hex;

sub setof { return $_[0] =~ /^[0-9]/ ? 'cpt' : 'hcpcs' }
my @unlock = ('97110', '36415', '99213', '99214', '27447', '71046',
    '11042', map { ($_->{c1}, $_->{c2}) } @picks);
my %u = map { $_ => 1 } @unlock;
psql("INSERT INTO app.meter_guests (id, used, addr) VALUES ('$uuid', 1, "
    . "'127.0.0.1') ON CONFLICT DO NOTHING");
psql("INSERT INTO app.meter_views (guest_id, code_set, code, addr, spent) "
    . "SELECT '$uuid', s, c, '127.0.0.1', true FROM (VALUES "
    . join(',', map { "('" . setof($_) . "','$_')" } sort keys %u)
    . ") v(s, c) ON CONFLICT DO NOTHING");
my %H = (Cookie => $cookie);

# --- /api/ncci/pair ---------------------------------------------------
my %rat = map { chomp; my @f = split /\t/; ($f[0] => $f[1]) }
    grep { !/^rationale_id/ } do {
	open(my $r, '<', "$data/ncci/ptp_rationale_codes.tsv") or die;
	<$r>;
    };
for my $p (@picks) {
	my $r = get("/api/ncci/pair?c1=$p->{c1}&c2=$p->{c2}", %H);
	is($r->{status}, 200, "pair $p->{c1}/$p->{c2} ($p->{kind}): 200");
	my $j = json_of($r) // {};
	if ($p->{kind} eq 'deleted') {
		is($j->{edit}, undef, "  deleted edit: no edit in force");
		my ($d) = @{$j->{not_in_force} // []};
		(my $want = $p->{del}) =~ s/^(\d{4})(\d\d)(\d\d)$/$1-$2-$3/;
		is($d && $d->{deleted}, $want, "  listed as deleted on $want");
		# Before its deletion date the edit applies.
		my ($y, $m, $dd) = split /-/, $want;
		my @t = gmtime(timegm(0, 0, 12, $dd, $m - 1, $y) - 86400);
		my $dos = sprintf('%04d-%02d-%02d', $t[5] + 1900, $t[4] + 1,
		    $t[3]);
		$r = get("/api/ncci/pair?c1=$p->{c1}&c2=$p->{c2}&date=$dos", %H);
		$j = json_of($r) // {};
		is($j->{edit} && $j->{edit}{deleted}, $want,
		    "  on $dos (before deletion) the edit applies");
		next;
	}
	my $e = $j->{edit} // {};
	is($e->{column_1}, $p->{c1}, '  column 1');
	is($e->{column_2}, $p->{c2}, '  column 2');
	is($e->{modifier_indicator}, $p->{mod}, "  modifier indicator $p->{mod}");
	like($e->{modifier_meaning} // '', $p->{mod} ? qr/modifier may bypass/
	    : qr/no modifier/, '  meaning in words');
	is($e->{rationale}, $rat{$p->{rid}}, '  rationale');
	is($e->{deleted}, undef, '  active');
	like($e->{release}{label} // '', qr/2024/, '  names the release');
	# The reversed order answers the same edit with its real column 1.
	$r = get("/api/ncci/pair?c1=$p->{c2}&c2=$p->{c1}", %H);
	$e = (json_of($r) // {})->{edit} // {};
	is($e->{column_1}, $p->{c1}, '  reversed: the real column 1');
}
my $r = get('/api/ncci/pair?c1=36415&c2=99213', %H);
is($r->{status}, 200, '36415/99213: 200');
ok(exists((json_of($r) // {})->{edit}) && !defined json_of($r)->{edit},
    '  {"edit": null}');

# --- the pair checker page --------------------------------------------
my ($p0) = grep { $_->{kind} eq 'mod0' } @picks;
my ($p1) = grep { $_->{kind} eq 'mod1' } @picks;
$r = get("/ncci?codes=$p0->{c1}+$p0->{c2},36415,99213", %H);
is($r->{status}, 200, '/ncci with four codes: 200');
like($r->{content}, qr/\Q$p0->{c1}\E.*\Q$p0->{c2}\E/s, '  lists the edit');
like($r->{content}, qr/no modifier lets the two codes be paid/,
    '  indicator 0 explained');
like($r->{content}, qr/36415<\/span> \+ <span class="code">99213/,
    '  36415 + 99213 listed with no edit');
$r = get("/ncci?codes=$p1->{c2}%2C$p1->{c1}&setting=practitioner", %H);
like($r->{content}, qr/59, XE, XS, XP or XU/, 'indicator 1: what to do');

# --- MUE ----------------------------------------------------------------
open(my $mf, '<', "$data/ncci/mue_2024q2_all_service_types.csv") or die;
my %mue;
<$mf>;
my $mrows = 0;
while (<$mf>) {
	chomp;
	$mrows++;
	my @f = split /,/;
	$mue{"$f[0]|$f[4]"} = [@f] if $f[0] =~ /^(97110|11042|36415)$/;
}
is($mrows, 32202, 'MUE file: 32,202 rows');
for my $code (qw(97110 11042)) {
	my $f = $mue{"$code|Practitioner"};
	$r = get("/api/mue/$code?setting=practitioner", %H);
	my $j = json_of($r) // {};
	is($j->{units}, $f->[1], "MUE $code practitioner: $f->[1] units");
	is($j->{mai}, $f->[2], "  MAI $f->[2]");
	like($j->{mai_meaning} // '', qr/edit/i, '  MAI meaning');
	like($j->{release}{label} // '', qr/MUE|2024/, '  release');
	$f = $mue{"$code|Outpatient Hospital"};
	$j = json_of(get("/api/mue/$code?setting=hospital", %H)) // {};
	is($j->{units}, $f->[1], "  hospital: $f->[1] units") if $f;
}
$r = get('/codes/cpt/97110', %H);
like($r->{content}, qr/Units per day/, 'code page: MUE section');

# --- payment --------------------------------------------------------------
my %rvu;
open($fh, '-|', 'zcat', "$data/pfs/PPRRVU2025_Oct.txt.gz") or die;
while (my $l = <$fh>) {
	next if $l =~ /^HDR/;
	my $code = substr($l, 0, 5);
	my $mod = substr($l, 5, 2);
	$mod =~ s/\s+//g;
	next unless $code =~ /^(99213|99214|27447|71046)$/;
	my %v = (st => substr($l, 57, 1), w => substr($l, 59, 6),
	    penf => substr($l, 66, 6), nfna => substr($l, 72, 2),
	    pef => substr($l, 75, 6), fna => substr($l, 81, 2),
	    mp => substr($l, 84, 5), cf => substr($l, 132, 8));
	s/\s+//g for values %v;
	$rvu{"$code|$mod"} = \%v;
}
close $fh;
my @loc;
open(my $gf, '<', "$data/pfs/GPCI2025.csv") or die;
while (<$gf>) {
	s/\r?\n$//;
	my @f = split /,/;
	next unless @f >= 7 && $f[0] =~ /^\d{5}$/;
	push @loc, ["$f[0]-$f[2]", @f[4, 5, 6]];
}
is(scalar @loc, 109, 'GPCI: 109 localities');
# Fixed point: RVU ×100, GPCI ×1000, CF ×10^4 → ×10^9; round half up.
sub fp { my ($s, $d) = @_; my ($i, $f) = split /\./, $s; $f //= '';
	$f = substr($f . ('0' x $d), 0, $d); return ($i || 0) * 10**$d + $f }
sub pay {
	my ($v, $pe, $g) = @_;
	my $sum = fp($v->{w}, 2) * fp($g->[1], 3) + fp($pe, 2) * fp($g->[2], 3)
	    + fp($v->{mp}, 2) * fp($g->[3], 3);
	my $x = $sum * fp($v->{cf}, 4);		# 10^9
	my $cents = int(($x + 5_000_000) / 10_000_000);
	return sprintf('%d.%02d', int($cents / 100), $cents % 100);
}
my @locs = (@loc[0, 20, 50, 108], ['national', 1, 1, 1]);
for my $code (qw(99213 99214 27447 71046)) {
	my $v = $rvu{"$code|"} or next;
	for my $g (@locs) {
		my $q = $g->[0] eq 'national' ? '' : "?locality=$g->[0]";
		$r = get("/api/fee/$code$q", %H);
		my $j = json_of($r) // {};
		is($r->{status}, 200, "fee $code at $g->[0]: 200");
		is(sprintf('%.2f', $j->{payment}{nonfacility} // -1),
		    pay($v, $v->{penf}, $g), "  non-facility = formula")
		    unless $v->{nfna} eq 'NA';
		is(sprintf('%.2f', $j->{payment}{facility} // -1),
		    pay($v, $v->{pef}, $g), "  facility = formula")
		    unless $v->{fna} eq 'NA';
	}
}
my $j = json_of(get('/api/fee/71046?modifier=26', %H)) // {};
is($j->{modifier}, '26', '71046-26: its own record');
is(sprintf('%.2f', $j->{payment}{facility} // -1),
    pay($rvu{'71046|26'}, $rvu{'71046|26'}{pef}, ['n', 1, 1, 1]),
    '  professional component payment');
$j = json_of(get('/api/fee/27447', %H)) // {};
is($j->{indicators}{global}{value}, '090', '27447: global 090');
like($j->{indicators}{global}{meaning} // '', qr/90 days/, '  in words');
is($j->{conversion_factor}, 32.3465, '  conversion factor');

# The code page: payment at the locality chosen, remembered in a cookie.
my $lid = $loc[20][0];
$r = get("/codes/cpt/99213?locality=$lid", %H);
is($r->{status}, 200, 'code page with ?locality=');
like($r->{headers}{'set-cookie'} // '', qr/locality=\Q$lid\E/,
    '  the locality is remembered in a cookie');
my $want = pay($rvu{'99213|'}, $rvu{'99213|'}{penf}, $loc[20]);
like($r->{content}, qr/\$\Q$want\E/, "  non-facility \$$want shown");
like($r->{content}, qr/32\.3465/, '  conversion factor shown');
like($r->{content}, qr/work 1\.30 ×/, '  the formula with its numbers');
$r = get('/codes/cpt/99213', %H, Cookie => "$cookie; locality=$lid");
like($r->{content}, qr/\$\Q$want\E/, '  the cookie prices the page');
$r = get('/codes/cpt/99213?locality=99999-99', %H);
like($r->{content}, qr/no payment locality/, '  unknown locality: said');
like($r->{content}, qr/<section[^>]*id="ncci".*column 1/s,
    '  NCCI section filled');

# --- the full edit list, paged --------------------------------------------
$r = get("/codes/cpt/99213/ncci?role=col1", %H);
is($r->{status}, 200, 'edit list of 99213 as column 1');
$r = get("/codes/cpt/99213/ncci?role=col2&page=999", %H);
is($r->{status}, 404, '  a page past the end: 404');

# --- reference pages ----------------------------------------------------
$r = get('/modifiers');
is($r->{status}, 200, '/modifiers');
like($r->{content}, qr/HCPCS 2025/, '  names the release');
like($r->{content}, qr/>XE</, '  lists XE');
$r = get('/pos');
is($r->{status}, 200, '/pos');
like($r->{content}, qr/>11<\/th><td>Office/, '  11 Office');
like($r->{content}, qr/99 codes/, '  99 codes');

# --- metering ----------------------------------------------------------------
psql("UPDATE app.meter_guests SET used = 1000000 WHERE id = '$uuid'");
$r = get('/api/fee/99215', %H);
is($r->{status}, 403, 'a code not unlocked, views used up: 403');
like($r->{content}, qr/"status":403.*register/, '  JSON error with register');
is(get('/api/fee/99213', %H)->{status}, 200, 'an unlocked code stays open');

done_testing();
