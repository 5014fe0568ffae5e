# MedcodeAccount.pm: a browser for the account tests (a cookie jar over
# HTTP::Tiny, forms with their csrf token), and the mailbox the test
# environment's SMTP server (aiosmtpd, Maildir) delivers to. Test
# passwords all contain "Pw-Secret-" so 199-no-secrets-in-logs.t can look
# for them.
package MedcodeAccount;
use strict;
use warnings;
use HTTP::Tiny;
use Time::HiRes qw(sleep);

sub new {
	my ($class) = @_;
	return bless { jar => {}, set => [], http => HTTP::Tiny->new(
	    timeout => 30, max_redirect => 0, agent => 'medcode-tests') },
	    $class;
}

sub _cookies {
	my ($self) = @_;
	return join('; ', map { "$_=$self->{jar}{$_}" } sort keys %{$self->{jar}});
}

sub _take {
	my ($self, $r) = @_;
	my $sc = $r->{headers}{'set-cookie'};
	my @sc = !defined $sc ? () : ref $sc ? @$sc : ($sc);
	$self->{set} = \@sc;
	for my $c (@sc) {
		my ($n, $v) = $c =~ /^([^=;\s]+)=([^;]*)/ or next;
		if ($c =~ /Max-Age=0\b/i || $v eq '') {
			delete $self->{jar}{$n};
		} else {
			$self->{jar}{$n} = $v;
		}
	}
	return $r;
}

sub set_cookies { return @{$_[0]{set}} }
sub cookie { return $_[0]{jar}{$_[1]} }
sub jar { return $_[0]{jar} }

sub get {
	my ($self, $path) = @_;
	my %h;
	$h{Cookie} = $self->_cookies if %{$self->{jar}};
	return $self->_take($self->{http}->get($ENV{BASE_URL} . $path,
	    { headers => \%h }));
}

# POST a form; csrf => undef leaves the token out; a string sets it.
sub post {
	my ($self, $path, $form) = @_;
	my %h = ('Content-Type' => 'application/x-www-form-urlencoded');
	$h{Cookie} = $self->_cookies if %{$self->{jar}};
	return $self->_take($self->{http}->request('POST',
	    $ENV{BASE_URL} . $path, { headers => \%h,
	    content => $self->{http}->www_form_urlencode($form) }));
}

# The csrf token of the form on page $path.
sub csrf {
	my ($self, $path) = @_;
	my $r = $self->get($path);
	my ($t) = $r->{content} =~ /name="csrf" value="([^"]+)"/;
	return $t;
}

# GET $path, then POST $form to $action with the page's token.
sub submit {
	my ($self, $path, $action, $form) = @_;
	my $t = $self->csrf($path);
	return $self->post($action, { %$form, csrf => $t // '' });
}

# Messages delivered to $to (newest last): [ { subject, body, file } ].
sub mails_to {
	my ($to) = @_;
	my $dir = "$ENV{MEDCODE_MAILBOX}/new";
	my @m;
	opendir(my $d, $dir) or return ();
	for my $f (sort { (stat "$dir/$a")[9] <=> (stat "$dir/$b")[9] || $a cmp $b }
	    grep { !/^\./ } readdir $d) {
		open(my $fh, '<', "$dir/$f") or next;
		local $/;
		my $t = <$fh>;
		close $fh;
		next unless $t =~ /^To: <?\Q$to\E>?\r?$/mi;
		my ($s) = $t =~ /^Subject: (.*?)\r?$/m;
		push @m, { subject => $s, body => $t, file => $f };
	}
	return @m;
}

# Wait (up to 15 s) for the n-th message to $to (counting only those
# with a $path?token= link when $path is given); returns it or undef.
sub wait_mail {
	my ($to, $n, $path) = @_;
	$n //= 1;
	for (1 .. 150) {
		my @m = mails_to($to);
		@m = grep { $_->{body} =~ /\Q$path\E\?token=/ } @m
		    if defined $path;
		return $m[$n - 1] if @m >= $n;
		sleep 0.1;
	}
	return undef;
}

sub link_token {
	my ($mail, $path) = @_;
	return undef unless $mail;
	my ($t) = $mail->{body} =~ m{\Q$path\E\?token=([A-Za-z0-9_-]{43})};
	return $t;
}

# Register and verify an account; returns the browser (logged out).
sub make_user {
	my (%a) = @_;
	my $b = MedcodeAccount->new;
	my $r = $b->submit('/register', '/register', { email => $a{email},
	    password => $a{password}, name => $a{name} // 'Test User',
	    kind => $a{kind} // 'member', company => $a{company} // '' });
	die "register $a{email}: $r->{status}" unless $r->{status} == 200;
	my $tok = link_token(wait_mail($a{email}, 1, '/verify'), '/verify');
	die "no verify mail for $a{email}" unless $tok;
	$r = $b->get("/verify?token=$tok");
	die "verify: $r->{status}" unless $r->{status} == 303;
	return $b;
}

sub login {
	my ($b, $email, $pw) = @_;
	return $b->submit('/login', '/login', { email => $email,
	    password => $pw });
}

1;
