#!/usr/bin/env perl
# 020-code-page.t: the code page and its API over whatever is live (the
# project's sample, or the real releases when ../shared/data was loaded):
# canonical redirects, header codes, 404 with suggestions, CPT without
# licensed text, the premium placeholders, HEAD and 405.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../lib";
use Medcode;
use Test::More;

my $r = get('/codes/icd10cm/E11.9');
is($r->{status}, 200, 'E11.9 page');
like($r->{headers}{'content-type'}, qr{^text/html; charset=utf-8}, 'html');
my $p = $r->{content};
like($p, qr/Type 2 diabetes mellitus without complications/, 'title');
like($p, qr/ICD-10-CM FY2026/, 'release label');
like($p, qr/2025-10-01/, 'effective date');
like($p, qr{href="/codes/icd10cm/E11"}, 'breadcrumb links the category');
like($p, qr/Have a question about ICD-10-CM code E11\.9\?/, 'assistant box');
like($p, qr{<section class="premium" data-section="guidelines" data-state="(?:locked|unlocked)"},
    'premium placeholder markup');
unlike($p, qr/data-section="payment"/, 'no payment section for a diagnosis');
like($p, qr{href="/codes/icd10cm/E11\.8"}, 'previous code link');
like($p, qr{<link rel="canonical" href="[^"]*/codes/icd10cm/E11\.9"}, 'canonical link');
is($r->{headers}{'x-content-type-options'}, 'nosniff', 'nosniff');
like($r->{headers}{'content-security-policy'} // '', qr/frame-ancestors 'none'/, 'CSP');
is(scalar(() = $p =~ /<h1\b/g), 1, 'one h1');
like($p, qr/<footer/, 'shared footer');

for my $spelling (qw(k922 K922 k92.2 K92.2 %20k92.2)) {
	$r = get("/codes/icd10cm/$spelling");
	if ($spelling eq 'K92.2') {
		is($r->{status}, 200, 'K92.2 canonical answers 200');
		next;
	}
	is($r->{status}, 301, "$spelling redirects");
	is($r->{headers}{location}, '/codes/icd10cm/K92.2', "$spelling → K92.2");
}
$r = get('/codes/ICD10CM/E11.9');
is($r->{status}, 301, 'upper-case set name redirects');
is($r->{headers}{location}, '/codes/icd10cm/E11.9', 'to the lower-case set');

$r = get('/codes/icd10cm/E11');
is($r->{status}, 200, 'header code page');
like($r->{content}, qr/not valid on a claim/i, 'header notice');
like($r->{content}, qr{href="/codes/icd10cm/E11\.9"}, 'lists a billable child');

$r = get('/codes/icd10cm/E11.99');
is($r->{status}, 404, 'unknown but well-formed code is 404');
like($r->{content}, qr{href="/codes/icd10cm/E11\.9"}, 'suggests a near code');
$r = get('/codes/nope/E11.9');
is($r->{status}, 404, 'unknown set is 404');
like($r->{content}, qr/no code set/i, 'says so');
$r = get('/codes/icd10cm/not-a-code');
is($r->{status}, 404, 'malformed code is 404');

$r = get('/codes/cpt/99213');
is($r->{status}, 200, 'CPT 99213 page');
like($r->{content}, qr/licensed CPT(?:®|&reg;)? descriptor is not loaded/i,
    'says the AMA descriptor is not loaded');
like($r->{content}, qr/data-section="payment"/, 'procedure premium sections');

$r = get('/api/codes/icd10cm/e119');
is($r->{status}, 200, 'API accepts any spelling');
like($r->{headers}{'content-type'}, qr{^application/json}, 'json');
my $j = json_of($r);
is($j->{code}, 'E11.9', 'display form');
is($j->{set}, 'icd10cm', 'set');
is($j->{title}, 'Type 2 diabetes mellitus without complications', 'title');
ok($j->{billable}, 'billable');
like($j->{release}{label}, qr/ICD-10-CM FY2026/, 'release label');
is($j->{ancestors}[-1]{code}, 'E11', 'nearest ancestor last');
$r = get('/api/codes/icd10cm/E11');
$j = json_of($r);
ok(!$j->{billable} && @{$j->{children}} > 0, 'header with children');
$r = get('/api/codes/icd10cm/Z99.999');
is($r->{status}, 404, 'API 404');
$j = json_of($r);
is($j->{error}{status}, 404, 'error shape');
$r = get('/api/codes/cpt/99213');
$j = json_of($r);
ok(defined $j && !$j->{descriptor_licensed} && !defined $j->{title},
    'CPT without licensed text has no title');

$r = head('/codes/icd10cm/E11.9');
is($r->{status}, 200, 'HEAD');
is($r->{content} // '', '', 'HEAD has no body');
$r = post_form('/codes/icd10cm/E11.9', { a => 1 });
is($r->{status}, 405, 'POST is 405');
like($r->{headers}{allow} // '', qr/GET/, 'Allow header');

done_testing();
