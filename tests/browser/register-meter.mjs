// register-meter.mjs: issue 4's browser test in headless Chromium. Register
// a free account, open the verification link from the delivered mail, log
// in, open six code pages and watch the banner count down (5 … 0), then see
// the seventh locked. Prints TAP; run by tests/integration/124-meter-browser.t.
//
// Environment: BASE_URL, MEDCODE_MAILBOX (the test SMTP server's Maildir),
// METER_CODES (seven code page paths, space-separated), CHROMIUM (the
// browser binary, default /usr/bin/chromium).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const base = process.env.BASE_URL;
const mailbox = process.env.MEDCODE_MAILBOX;
const codes = (process.env.METER_CODES || '').split(/\s+/).filter(Boolean);
const exe = process.env.CHROMIUM || '/usr/bin/chromium';

let n = 0;
let failed = 0;
function ok(cond, name, diag) {
	n++;
	if (!cond)
		failed++;
	console.log(`${cond ? '' : 'not '}ok ${n} - ${name}`);
	if (!cond && diag !== undefined)
		console.log(`#   ${String(diag).replace(/\n/g, '\n#   ')}`);
	return cond;
}

function sleep(ms) {
	return new Promise((res) => setTimeout(res, ms));
}

// The verification link of the newest mail to `to` in the Maildir.
async function verifyLink(to) {
	for (let i = 0; i < 150; i++) {
		let files = [];
		try {
			files = readdirSync(join(mailbox, 'new'));
		} catch (e) {
			// not made yet
		}
		for (const f of files) {
			let t = readFileSync(join(mailbox, 'new', f), 'utf8');
			if (!new RegExp(`^To: <?${to.replace(/[.+]/g, '\\$&')}>?\\r?$`,
			    'mi').test(t))
				continue;
			// Undo quoted-printable soft breaks and escapes if any.
			t = t.replace(/=\r?\n/g, '').replace(/=3D/gi, '=');
			const m = t.match(/https?:\/\/[^\s"<>]*\/verify\?token=[A-Za-z0-9_-]{43}/);
			if (m)
				return m[0];
		}
		await sleep(100);
	}
	return null;
}

async function bannerText(page) {
	const b = page.locator('.meter-banner .meter-text');
	return (await b.count()) ? (await b.textContent()).trim() : null;
}

async function states(page) {
	return page.$$eval('section.premium', (s) =>
	    s.map((e) => e.getAttribute('data-state')));
}

function expected(left) {
	return `${left} code page ${left === 1 ? 'view' : 'views'} remaining. ` +
	    'Free accounts are limited to 6 page views. Subscribers have ' +
	    'unlimited views.';
}

const browser = await chromium.launch({ executablePath: exe,
    headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
	const ctx = await browser.newContext();
	const page = await ctx.newPage();
	const email = `browser${process.pid}${Date.now()}@example.test`;
	const password = 'Browser-meter-pw-1';

	ok(codes.length === 7, 'seven code pages given', codes.join(' '));

	// Register.
	await page.goto(`${base}/register`);
	await page.fill('#email', email);
	await page.fill('#name', 'Browser Coder');
	await page.fill('#password', password);
	await page.check('input[name="kind"][value="member"]');
	await Promise.all([page.waitForNavigation(),
	    page.click('form[action="/register"] button[type="submit"]')]);
	ok(/Check your email/i.test(await page.content()),
	    'registered: asked to check the mail');

	// The link from the delivered mail.
	const link = await verifyLink(email);
	ok(link !== null, 'verification mail delivered with a link');
	if (link === null)
		throw new Error('no verification mail');
	await page.goto(link.replace(/^https?:\/\/[^/]+/, base));
	ok(/\/login\?verified=1$/.test(page.url()), 'verified: on the login page',
	    page.url());

	// Log in.
	await page.fill('#email', email);
	await page.fill('#password', password);
	await Promise.all([page.waitForNavigation(),
	    page.click('form[action="/login"] button[type="submit"]')]);
	const cookies = await ctx.cookies();
	const sess = cookies.find((c) => /^(__Host-)?medcode$/.test(c.name));
	ok(sess && sess.httpOnly && sess.sameSite === 'Lax',
	    'logged in: HttpOnly SameSite=Lax session cookie',
	    JSON.stringify(cookies.map((c) => c.name)));

	// Six code pages: the banner counts down, every section unlocked.
	for (let i = 0; i < 6; i++) {
		await page.goto(`${base}${codes[i]}`);
		const b = await bannerText(page);
		ok(b === expected(5 - i), `page ${i + 1} ${codes[i]}: ` +
		    `banner says ${5 - i} left`, b);
		const s = await states(page);
		ok(s.length > 0 && s.every((x) => x === 'unlocked'),
		    `page ${i + 1}: premium sections unlocked`, s.join(','));
		ok(await page.locator('.meter-banner a[href="/register"]').count()
		    === 0, `page ${i + 1}: no Register link for a member`);
	}

	// The seventh: locked, no premium data, still 0 left.
	await page.goto(`${base}${codes[6]}`);
	const s = await states(page);
	ok(s.length > 0 && s.every((x) => x === 'locked'),
	    `page 7 ${codes[6]}: premium sections locked`, s.join(','));
	ok(await page.locator('section.premium .premium-body, ' +
	    'section.premium .premium-empty').count() === 0,
	    'page 7: no premium content in the page');
	ok(await bannerText(page) === expected(0), 'page 7: banner says 0 left',
	    await bannerText(page));
	ok(/free views are used up/.test(await page.content()),
	    'page 7: says why it is locked');
	ok(await page.locator('.meter-banner').isVisible(),
	    'page 7: the banner is visible');

	// Re-opening the first is free.
	await page.goto(`${base}${codes[0]}`);
	ok((await states(page)).every((x) => x === 'unlocked'),
	    're-opening page 1: still unlocked');
} catch (e) {
	ok(false, 'browser run finished', e.stack || e);
} finally {
	await browser.close();
}
console.log(`1..${n}`);
process.exit(failed ? 1 : 0);
