#!/usr/bin/env node
/*
 * tests/browser/autocomplete.mjs: the search box's autocomplete in a real
 * browser (Debian's chromium, headless, driven by playwright-core; no
 * browser is ever downloaded). Prints TAP. Run by
 * tests/integration/090-browser.t inside the integration environment.
 *
 * Flow: open the home page, type a lay term ("hives", which the sample
 * data has too) into its search box, wait for the suggestions, choose
 * the first with ArrowDown + Enter, land on that code's page (its code
 * in the h1). Also: ARIA combobox attributes, Escape closes, the mouse
 * works, and with JavaScript off the plain form still goes to /search.
 *
 * Environment: BASE_URL (required), CHROMIUM (default /usr/bin/chromium),
 * AC_TERM (default hives), SCREENSHOT_DIR (PNGs of the open list and of
 * a browse page, for people), CI (=true: a missing browser or
 * node_modules fails instead of skipping).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const ci = process.env.CI === 'true';
const base = (process.env.BASE_URL || '').replace(/\/+$/, '');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const term = process.env.AC_TERM || 'hives';
const shots = process.env.SCREENSHOT_DIR || '';

let n = 0;
let failed = 0;

function ok(cond, name, diag) {
	n++;
	if (!cond)
		failed++;
	console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${name}`);
	if (!cond && diag !== undefined)
		for (const line of String(diag).split('\n'))
			console.log(`#   ${line}`);
	return cond;
}

/* Nothing to run with: skip locally, fail under CI. */
function unavailable(why) {
	if (ci) {
		console.log('1..1');
		console.log(`not ok 1 - browser test can run (${why}; CI=true)`);
		process.exit(1);
	}
	console.log(`1..0 # SKIP ${why}`);
	process.exit(0);
}

if (base === '')
	unavailable('BASE_URL is not set: run through tests/run');
if (!existsSync(chromiumPath))
	unavailable(`no chromium at ${chromiumPath} (apt-get install chromium)`);
let chromium;
try {
	const require = createRequire(path.join(here, 'package.json'));
	({ chromium } = require('playwright-core'));
} catch (e) {
	unavailable('playwright-core is not installed (cd tests/browser && ' +
	    'npm ci)');
}

const browser = await chromium.launch({
	executablePath: chromiumPath,
	headless: true,
	args: ['--headless', '--no-sandbox', '--disable-gpu',
	    '--disable-background-networking', '--disable-dev-shm-usage'],
	timeout: 60000,
});
const problems = [];
const selOpts = '#hero-q-ac [role="option"]';

try {
	const ctx = await browser.newContext({
		viewport: { width: 1100, height: 800 },
	});
	const page = await ctx.newPage();
	page.setDefaultTimeout(15000);
	/* CSP violations and script errors show up here. */
	page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
	page.on('console', (m) => {
		if (m.type() === 'error')
			problems.push(`console: ${m.text()}`);
	});

	const resp = await page.goto(`${base}/`);
	ok(resp && resp.status() === 200, 'home page loads');
	const box = page.locator('#hero-q');
	ok(await box.getAttribute('role') === 'combobox',
	    'the home box is a combobox');
	const controls = await box.getAttribute('aria-controls');
	ok(controls === 'hero-q-ac' &&
	    await page.locator(`#${controls}`).getAttribute('role') ===
	    'listbox', 'aria-controls names the listbox');
	ok(await box.getAttribute('aria-expanded') === 'false',
	    'collapsed before typing');

	await box.click();
	await page.keyboard.type(term, { delay: 40 });
	let shown = true;
	try {
		await page.locator(selOpts).first().waitFor({ state: 'visible' });
	} catch (e) {
		shown = false;
	}
	ok(shown, `suggestions appear for "${term}"`);
	const count = await page.locator(selOpts).count();
	ok(count >= 1 && count <= 10, `1 to 10 suggestions (${count})`);
	ok(await box.getAttribute('aria-expanded') === 'true',
	    'aria-expanded is true while open');
	const first = page.locator(selOpts).first();
	const code = (await first.locator('.ac-code').textContent() || '')
	    .trim();
	ok(code !== '', `the first suggestion shows a code (${code})`);
	ok(await first.locator('.ac-set').count() === 1,
	    'the suggestion has its code set as a tag');
	const why = await page.locator('#hero-q-ac .ac-why').allTextContents();
	ok(why.some((w) => w.toLowerCase().includes(term)) ||
	    (await page.locator('#hero-q-ac .ac-title b').count()) > 0,
	    'why it matched is shown (label or bold words)', why.join(' | '));

	await page.keyboard.press('ArrowDown');
	const firstId = await first.getAttribute('id');
	ok(await box.getAttribute('aria-activedescendant') === firstId &&
	    await first.getAttribute('aria-selected') === 'true',
	    'ArrowDown highlights the first suggestion');
	if (shots !== '')
		await page.screenshot({ path: path.join(shots,
		    'autocomplete-open.png') });

	await Promise.all([
		page.waitForURL((u) => u.pathname.startsWith('/codes/')),
		page.keyboard.press('Enter'),
	]).catch(() => {});
	const url = new URL(page.url());
	ok(url.pathname.startsWith('/codes/'),
	    `Enter opens the code page (${url.pathname})`);
	const h1 = (await page.locator('h1').first().textContent() || '')
	    .replace(/\s+/g, ' ');
	ok(code !== '' && h1.includes(code), `its h1 has ${code}`, h1);

	/* The header box on the code page: Escape closes, mouse chooses. */
	const hq = page.locator('#q');
	await hq.click();
	await hq.fill('');
	await page.keyboard.type(term, { delay: 40 });
	await page.locator('#q-ac [role="option"]').first()
	    .waitFor({ state: 'visible' }).catch(() => {});
	ok(await hq.getAttribute('aria-expanded') === 'true',
	    'the header box suggests too');
	await page.keyboard.press('Escape');
	ok(await hq.getAttribute('aria-expanded') === 'false' &&
	    !(await page.locator('#q-ac').isVisible()),
	    'Escape closes the list');
	await page.keyboard.press('ArrowDown');
	const opt = page.locator('#q-ac [role="option"]').nth(0);
	const code2 = (await opt.locator('.ac-code').textContent() || '')
	    .trim();
	await Promise.all([
		page.waitForURL((u) => u.pathname !== url.pathname),
		opt.click(),
	]).catch(() => {});
	ok(new URL(page.url()).pathname.startsWith('/codes/') &&
	    (await page.locator('h1').first().textContent() || '')
	    .includes(code2), `a click opens ${code2}`);

	/* Browse page, for the screenshot and a look at the breadcrumb. */
	const br = await page.goto(`${base}/codes/icd10cm`);
	ok(br && br.status() === 200 &&
	    await page.locator('table.browse-table tbody tr').count() > 0,
	    '/codes/icd10cm lists chapters');
	if (shots !== '')
		await page.screenshot({ path: path.join(shots, 'browse.png'),
		    fullPage: true });

	ok(problems.length === 0, 'no script errors or CSP violations',
	    problems.join('\n'));
	await ctx.close();

	/* Without JavaScript the form is a plain GET to /search. */
	const nojs = await browser.newContext({ javaScriptEnabled: false });
	const p2 = await nojs.newPage();
	await p2.goto(`${base}/`);
	await p2.fill('#hero-q', term);
	await Promise.all([
		p2.waitForURL((u) => u.pathname === '/search'),
		p2.press('#hero-q', 'Enter'),
	]).catch(() => {});
	const u2 = new URL(p2.url());
	ok(u2.pathname === '/search' && u2.searchParams.get('q') === term,
	    'without JavaScript Enter submits to /search', p2.url());
	await nojs.close();
} catch (e) {
	ok(false, 'browser flow ran to the end', e.stack || e);
} finally {
	await browser.close();
}

console.log(`1..${n}`);
process.exit(failed > 0 ? 1 : 0);
