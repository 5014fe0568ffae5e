# Medcode.pm: what the integration tests share: the base URL, an HTTP
# client that does not follow redirects, JSON decoding, psql, and the rule
# for tests that need ../shared/data (skipped without it, failed under CI).
package Medcode;
use strict;
use warnings;
use Exporter 'import';
use HTTP::Tiny;
use File::Temp ();
use JSON::PP;
use Test::More;

our @EXPORT = qw(get head post_form json_of psql need_data base_url run_cmd);

my $http = HTTP::Tiny->new(timeout => 20, max_redirect => 0,
    agent => 'medcode-tests');

sub base_url {
	my $b = $ENV{BASE_URL};
	plan skip_all => 'BASE_URL is not set: run through tests/run'
	    unless $b;
	return $b;
}

sub get {
	my ($path, %h) = @_;
	return $http->get(base_url() . $path, { headers => \%h });
}

sub head {
	my ($path) = @_;
	return $http->head(base_url() . $path);
}

sub post_form {
	my ($path, $form) = @_;
	return $http->post_form(base_url() . $path, $form);
}

sub json_of {
	my ($r) = @_;
	my $j = eval { JSON::PP->new->utf8->decode($r->{content}) };
	return $j;
}

# psql as the owner role; returns the trimmed output.
sub psql {
	my ($sql) = @_;
	open(my $fh, '-|', 'psql', '-XAtq', '-v', 'ON_ERROR_STOP=1', '-c',
	    $sql) or die "psql: $!";
	local $/;
	my $out = <$fh>;
	close $fh;
	$out //= '';
	$out =~ s/\s+\z//;
	return $out;
}

# Run a command with extra environment; returns (exit status, stdout,
# stderr). The importer tests check both streams.
sub run_cmd {
	my ($env, @cmd) = @_;
	my $dir = File::Temp::tempdir(CLEANUP => 1,
	    DIR => $ENV{MEDCODE_TEST_TMP} || '/tmp');
	my ($o, $e) = ("$dir/out", "$dir/err");
	my $pid = fork() // die "fork: $!";
	if ($pid == 0) {
		$ENV{$_} = $env->{$_} for keys %$env;
		open(STDOUT, '>', $o) or die;
		open(STDERR, '>', $e) or die;
		exec(@cmd) or die "exec $cmd[0]: $!";
	}
	waitpid($pid, 0);
	my $st = $? >> 8;
	local $/;
	open(my $fo, '<', $o) or die; my $out = <$fo> // '';
	open(my $fe, '<', $e) or die; my $err = <$fe> // '';
	return ($st, $out, $err);
}

# The real files: skip when absent, except under CI where absence fails.
sub need_data {
	my $d = $ENV{DATA} // '';
	return $d if $d ne '' && -d $d;
	if (($ENV{CI} // '') eq 'true') {
		plan tests => 1;
		fail("../shared/data is missing under CI=true ($d)");
		exit 1;
	}
	plan skip_all => "no data directory ($d)";
}

1;
