# MedcodeBrowse.pm: what the browse tests (060-069) share: the rows of a
# browse page's table, and the expected figures computed from the database
# by a plain recursive walk of the tree (independent of how the page
# counts).
package MedcodeBrowse;
use strict;
use warnings;
use Exporter 'import';
use Medcode;

our @EXPORT = qw(rows_of crumbs_of live_release subtree_counts roots_of
    children_of unescape);

sub unescape {
	my ($s) = @_;
	$s =~ s/&lt;/</g;
	$s =~ s/&gt;/>/g;
	$s =~ s/&quot;/"/g;
	$s =~ s/&#39;/'/g;
	$s =~ s/&amp;/&/g;
	return $s;
}

# The rows of the browse table: [{url, label, title, codes, billable}],
# counts undef when the row has none (a code without codes below it).
sub rows_of {
	my ($html) = @_;
	my @rows;
	my ($body) = $html =~ m{<tbody>(.*?)</tbody>}s;
	return @rows unless defined $body;
	while ($body =~ m{<tr><td class="b-key"><a href="([^"]*)" class="code">([^<]*)</a></td><td class="b-title">(.*?)</td>(.*?)</tr>}gs) {
		my %r = (url => unescape($1), label => unescape($2));
		my ($title, $rest) = ($3, $4);
		$title =~ s{ ?<span class="tag[^"]*">[^<]*</span>}{}g;
		$r{title} = unescape($title);
		my @n = $rest =~ m{<td class="num">([0-9,]+)</td>}g;
		if (@n == 2) {
			($r{codes}, $r{billable}) = map { (my $x = $_) =~ s/,//g;
			    $x } @n;
		}
		push @rows, \%r;
	}
	return @rows;
}

# The breadcrumb: [{url (undef for the current page), label}].
sub crumbs_of {
	my ($html) = @_;
	my ($ol) = $html =~ m{<nav class="crumbs"[^>]*>\s*<ol>(.*?)</ol>}s;
	my @c;
	return @c unless defined $ol;
	for my $li ($ol =~ m{<li>(.*?)</li>}gs) {
		if ($li =~ m{<a href="([^"]*)"><span class="crumb-label">([^<]*)</span>}) {
			push @c, { url => unescape($1), label => unescape($2) };
		} elsif ($li =~ m{<span class="(?:crumb-label|code)"[^>]*>([^<]*)</span>}) {
			push @c, { url => undef, label => unescape($1) };
		}
	}
	return @c;
}

sub live_release {
	my ($set) = @_;
	return psql("SELECT id FROM app.releases WHERE dataset = '$set' "
	    . "AND is_live");
}

# { node key => [codes, billable] } for the children of $parent (undef:
# the roots) in release $rid, walking parent links.
sub subtree_counts {
	my ($rid, $parent) = @_;
	my $where = defined $parent ? "parent = '$parent'" : 'parent IS NULL';
	my $out = psql(<<"SQL");
WITH RECURSIVE d(root, code) AS (
  SELECT code, code FROM app.codes WHERE release_id = $rid AND $where
  UNION ALL
  SELECT d.root, c.code FROM app.codes c
  JOIN d ON c.release_id = $rid AND c.parent = d.code)
SELECT d.root, count(*) FILTER (WHERE c.kind = 'code'),
  count(*) FILTER (WHERE c.kind = 'code' AND c.billable)
FROM d JOIN app.codes c ON c.release_id = $rid AND c.code = d.code
GROUP BY d.root
SQL
	my %h;
	for (split /\n/, $out) {
		my ($k, $n, $b) = split /\|/;
		$h{$k} = [$n, $b];
	}
	return \%h;
}

# Keys of the children of $parent (undef: roots), in tabular order.
sub children_of {
	my ($rid, $parent) = @_;
	my $where = defined $parent ? "parent = '$parent'" : 'parent IS NULL';
	return split /\n/, psql("SELECT code FROM app.codes WHERE "
	    . "release_id = $rid AND $where ORDER BY seq");
}

sub roots_of { return children_of($_[0], undef) }

1;
