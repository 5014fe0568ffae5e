#!/usr/bin/env perl
# 021-code-page-data.t: code pages over the real releases loaded from
# ../shared/data: the ICD-10-CM hierarchy from the tabular XML, notes,
# ICD-10-PCS tables, HCPCS codes (modifiers are not codes).
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../lib";
use Medcode;
use Test::More;

base_url();
need_data();

my $r = get('/codes/icd10cm/E11.9');
is($r->{status}, 200, 'E11.9');
like($r->{content}, qr/Type 2 diabetes mellitus without complications/, 'title');
like($r->{content}, qr/ICD-10-CM FY2026/, 'from the FY2026 release');
like($r->{content}, qr/Chapter 4/, 'breadcrumb has the chapter');
like($r->{content}, qr/E08(?:–|&ndash;|-)E13/, 'and the block');
like($r->{content}, qr/Excludes/, 'inherited tabular notes');

my $j = json_of(get('/api/codes/icd10cm/S72.001A'));
is($j->{code}, 'S72.001A', '7-character code');
is($j->{ancestors}[-1]{code}, 'S72.001', 'parent is the 6-character header');

$r = get('/codes/icd10pcs/0DTJ4ZZ');
is($r->{status}, 200, 'PCS code');
like($r->{content}, qr/Resection of Appendix, Percutaneous Endoscopic Approach/, 'PCS title');
like($r->{content}, qr/ICD-10-PCS FY2026/, 'PCS release');
$j = json_of(get('/api/codes/icd10pcs/0dtj4zz'));
is(join(' ', map { $_->{code} // $_->{label} } @{$j->{ancestors}})=~ /0DT$/ ? 1 : 0, 1, 'PCS parent is its table 0DT');

$r = get('/codes/hcpcs/A4253');
is($r->{status}, 200, 'HCPCS code');
like($r->{content}, qr/HCPCS 2025 Q4/, 'HCPCS release');
$r = get('/codes/hcpcs/A4253x');
is($r->{status}, 404, 'malformed HCPCS');

$r = get('/codes/icd10cm/K92.2');
like($r->{content}, qr/Gastrointestinal hemorrhage, unspecified/, 'K92.2');

done_testing();
