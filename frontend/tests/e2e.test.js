// The whole product in a real browser (Debian's Chromium, driven by playwright-core) against the stack `make run`
// starts, finding controls by role and accessible name as a person would. Two people: A builds, B looks.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { png } from './images.js';
import { startStack } from './stack.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RESULTS = path.join(HERE, '../test-results');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const PASSWORD = 'Correct-Horse-9';

let stack;
let browser;

before(async () => {
  mkdirSync(RESULTS, { recursive: true });
  stack = await startStack(path.join(RESULTS, 'stack.log'));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A person's own browser: a context of its own (its own storage), at a width. */
async function person(viewport) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('pageerror', (error) => assert.fail(`script error in the page: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/.test(message.text())) {
      assert.fail(`CSP violation: ${message.text()}`);
    }
  });
  return page;
}

/** Reloads until the check passes: events reach the gallery asynchronously, within seconds. */
async function eventually(page, check, what) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    // The grid fills itself after the page has loaded: judge it once its requests are done.
    await page.waitForLoadState('networkidle');
    if (await check()) return;
    assert.ok(Date.now() < deadline, `never happened: ${what}`);
    await page.waitForTimeout(1000);
    await page.reload();
  }
}

/** axe-core on the page as it is: no critical or serious violation. (Evaluated, so the page's CSP allows it.) */
async function accessible(page, name) {
  await page.evaluate(AXE);
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = results.violations.filter((violation) => ['critical', 'serious'].includes(violation.impact));
  assert.deepEqual(bad.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(', ')}`),
                   [], `${name}: accessibility violations`);
}

async function noHorizontalScroll(page, name) {
  const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth,
                                                      document.documentElement.clientWidth]);
  assert.ok(scroll <= client, `${name}: scrolls sideways (${scroll} > ${client})`);
}

/** The page at both widths: a screenshot of each, and neither scrolls sideways. Leaves the page as it was. */
async function shots(page, name) {
  const before = page.viewportSize();
  for (const [width, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    await page.setViewportSize(viewport);
    await noHorizontalScroll(page, `${name} (${width})`);
    await page.screenshot({ path: path.join(RESULTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize(before);
}

/** An upload as the app makes it (grant, the browser POST to storage, complete), straight from the test. */
async function uploadPublic(token, title, bytes) {
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const granted = await fetch(`${stack.url}/api/images`, { method: 'POST', headers, body: JSON.stringify({
    filename: `${title}.png`, contentType: 'image/png', size: bytes.length, title, visibility: 'public' }) });
  assert.equal(granted.status, 201);
  const grant = await granted.json();
  const form = new FormData();
  Object.entries(grant.upload.fields).forEach(([name, value]) => form.append(name, value));
  form.append('file', new Blob([bytes], { type: 'image/png' }), `${title}.png`);
  assert.ok((await fetch(grant.upload.url, { method: 'POST', body: form })).ok);
  assert.equal((await fetch(`${stack.url}/api/images/${grant.imageId}/complete`,
                            { method: 'POST', headers })).status, 202);
}

function nav(page, name) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
}

function tile(page, title) {
  return page.getByRole('button', { name: new RegExp(`^${title}(,|$)`) });
}

test('two people: A uploads, publishes, builds and shares an album; B sees what is public and what is shared',
     { timeout: 600_000 }, async () => {
  const a = await person(DESKTOP);
  const email = `e2e-${Date.now()}@example.com`;

  // A registers, confirms with the emailed code (always 123456 locally) and is signed in.
  await a.goto(`${stack.url}/register`);
  await accessible(a, 'register');
  await a.getByLabel('Display name').fill('Ada');
  await a.getByLabel('Email').fill(email);
  await a.getByLabel('Password').fill(PASSWORD);
  await a.getByRole('button', { name: 'Create account' }).click();
  await a.getByRole('heading', { name: 'Confirm your account' }).waitFor();
  await a.getByLabel('Confirmation code').fill('123456');
  await a.getByRole('button', { name: 'Confirm' }).click();
  await a.getByRole('heading', { name: 'My gallery' }).waitFor();
  await a.getByText('You have no images yet.').waitFor();

  // The session survives a reload, and is renewed with the refresh token when the access token is about to expire.
  await a.reload();
  await a.getByRole('heading', { name: 'My gallery' }).waitFor();
  await a.evaluate(() => {
    const stored = JSON.parse(localStorage.getItem('cloud-gallery.session'));
    localStorage.setItem('cloud-gallery.session', JSON.stringify({ ...stored, expiresAt: Date.now() + 5_000 }));
  });
  const renewed = a.waitForResponse((response) => response.url().endsWith('/api/users/refresh'));
  await a.reload();
  assert.equal((await renewed).status(), 200);
  await a.getByRole('heading', { name: 'My gallery' }).waitFor();

  // Upload: two real images with progress to READY; a text file and an oversized one are refused before any byte.
  const grants = [];
  a.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/images') grants.push(request);
  });
  await nav(a, 'Upload').click();
  await a.getByRole('heading', { name: 'Upload images' }).waitFor();
  await accessible(a, 'upload');
  await a.getByLabel('Choose images').setInputFiles([
    { name: 'sunrise.png', mimeType: 'image/png', buffer: png(640, 480, 40) },
    { name: 'sunset.png', mimeType: 'image/png', buffer: png(480, 640, 200) },
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image') },
    { name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('text wearing a .png name') },
    { name: 'huge.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(26 * 1024 * 1024 + 1) },
  ]);
  for (const name of ['sunrise.png', 'sunset.png']) {
    const row = a.getByRole('listitem').filter({ hasText: name });
    await row.getByText('Ready').waitFor({ timeout: 120_000 });
    assert.equal(await row.getByRole('progressbar', { name: `${name} upload progress` }).getAttribute('value'), '100');
  }
  await a.getByRole('listitem').filter({ hasText: 'notes.txt' }).getByText(/only JPEG, PNG, GIF and WebP/).waitFor();
  await a.getByRole('listitem').filter({ hasText: 'huge.jpg' }).getByText(/larger than/).waitFor();
  await a.getByRole('listitem').filter({ hasText: 'fake.png' }).getByText('This file is not an image.')
    .waitFor({ timeout: 120_000 });
  assert.equal(grants.length, 3, 'no grant asked for the files refused here');
  const dropped = await a.evaluateHandle(() => {
    const data = new DataTransfer();
    data.items.add(new File(['plain text'], 'dropped.txt', { type: 'text/plain' }));
    return data;
  });
  await a.locator('.dropzone').dispatchEvent('drop', { dataTransfer: dropped });
  await a.getByRole('listitem').filter({ hasText: 'dropped.txt' }).getByText(/only JPEG, PNG, GIF and WebP/).waitFor();
  await shots(a, 'upload');

  // Make one public in the viewer.
  await nav(a, 'My gallery').click();
  await tile(a, 'sunrise').click();
  const viewer = a.getByRole('dialog', { name: 'Image viewer' });
  await viewer.getByRole('heading', { name: 'sunrise' }).waitFor();
  // The arrow keys move to the other image, whichever side of it this one is (newest first).
  const forward = (await viewer.getByText(/^\d of 2$/).textContent()).startsWith('1');
  await a.keyboard.press(forward ? 'ArrowRight' : 'ArrowLeft');
  await viewer.getByRole('heading', { name: 'sunset' }).waitFor();
  await a.keyboard.press(forward ? 'ArrowLeft' : 'ArrowRight');
  await viewer.getByRole('heading', { name: 'sunrise' }).waitFor();
  await viewer.getByRole('button', { name: 'Edit' }).click();
  await viewer.getByLabel('Visibility').selectOption('public');
  await viewer.getByRole('button', { name: 'Save' }).click();
  await viewer.getByText(/Public$/).waitFor();
  await viewer.getByRole('button', { name: 'Close viewer' }).click();
  await accessible(a, 'my gallery');
  await shots(a, 'my-gallery');

  // An album with both, and a share link.
  await nav(a, 'Albums').click();
  await a.getByLabel('New album title').fill('Trip');
  await a.getByRole('button', { name: 'Create album' }).click();
  await a.getByRole('heading', { name: 'Trip' }).waitFor();
  await a.getByRole('button', { name: 'Add images' }).click();
  await a.getByRole('checkbox', { name: 'sunrise' }).check();
  await a.getByRole('checkbox', { name: 'sunset' }).check();
  await a.getByRole('button', { name: 'Add to album' }).click();
  await tile(a, 'sunset').waitFor();
  await a.getByLabel('Link expires after').selectOption('168');
  await a.getByRole('button', { name: 'Create share link' }).click();
  const link = await a.getByRole('textbox', { name: 'Share link' }).inputValue();
  assert.match(link, new RegExp(`^${stack.url}/shared/[A-Za-z0-9_-]{43}$`));
  await a.getByRole('button', { name: 'Rename' }).click();
  await a.getByLabel('Title').fill('Trip 2026');
  await a.getByRole('button', { name: 'Save' }).click();
  await a.getByRole('heading', { name: 'Trip 2026' }).waitFor();
  await accessible(a, 'album');
  await shots(a, 'album');

  // A new display name, which reaches the gallery's cards through the services' events.
  await nav(a, 'Profile').click();
  await a.getByLabel('Display name').fill('Ada L.');
  await a.getByRole('button', { name: 'Save profile' }).click();
  await a.getByText('Profile saved.').waitFor();
  await accessible(a, 'profile');
  await shots(a, 'profile');

  // 25 more public images, sent as the app sends them, so the feed has a second page.
  const token = await a.evaluate(() => JSON.parse(localStorage.getItem('cloud-gallery.session')).accessToken);
  for (let i = 1; i <= 25; i++) await uploadPublic(token, `filler-${String(i).padStart(2, '0')}`, png(64, 48, i * 9));

  // B, signed out on a phone: a wrong password in words; the public images in the feed, page after page as it
  // scrolls, and in search, the private one nowhere; the album by link.
  const b = await person(PHONE);
  await b.goto(`${stack.url}/signin`);
  await b.getByLabel('Email').fill(email);
  await b.getByLabel('Password').fill('Wrong-Password-1');
  await b.getByRole('button', { name: 'Sign in' }).click();
  await b.getByRole('alert').getByText('Wrong email or password').waitFor();
  await b.goto(stack.url);
  const tiles = b.getByRole('list', { name: 'Images' }).getByRole('button');
  await eventually(b, async () => (await tiles.count()) === 24, 'a first page of 24 in the feed');
  const renamed = b.getByRole('button', { name: 'sunrise, by Ada L.' });
  await eventually(b, async () => {
    await tiles.last().scrollIntoViewIfNeeded();
    // The next page comes as the end of the grid scrolls into view (loaded events may still be on their way).
    await tiles.nth(25).waitFor({ timeout: 10_000 }).catch(() => {});
    return (await tiles.count()) === 26 && (await renamed.count()) === 1;
  }, 'the second page as the feed scrolls, with the public image under its owner\'s new name');
  assert.equal(await tile(b, 'sunset').count(), 0, 'the private image stays out of the feed');
  await accessible(b, 'feed');
  await shots(b, 'feed');
  await nav(b, 'Search').click();
  await b.getByLabel('Search titles and descriptions').fill('sunrise');
  await b.getByRole('button', { name: 'Search' }).click();
  await tile(b, 'sunrise').waitFor();
  await b.goto(`${stack.url}/search?q=sunset`);
  await b.getByText('Nothing matches “sunset”.').waitFor();
  await b.goto(link);
  await b.getByRole('heading', { name: 'Trip 2026' }).waitFor();
  await tile(b, 'sunset').waitFor();
  await tile(b, 'sunrise').waitFor();
  await accessible(b, 'shared album');
  await shots(b, 'shared-album');

  // A revokes the link and deletes the public image; B sees both.
  await nav(a, 'Albums').click();
  await a.getByRole('link', { name: /Trip 2026/ }).click();
  await a.getByRole('button', { name: /^Revoke the link/ }).click();
  await a.getByText('No live links.').waitFor();
  await a.getByRole('button', { name: 'Remove images' }).click();
  await a.getByRole('checkbox', { name: 'sunset' }).check();
  await a.getByRole('button', { name: 'Remove from album' }).click();
  await tile(a, 'sunset').waitFor({ state: 'detached' });
  await tile(a, 'sunrise').waitFor();
  await nav(a, 'My gallery').click();
  await tile(a, 'sunrise').click();
  a.once('dialog', (dialog) => dialog.accept());
  await a.getByRole('dialog', { name: 'Image viewer' }).getByRole('button', { name: 'Delete' }).click();
  await a.getByText('Deleted.').waitFor();

  await b.goto(link);
  await b.getByRole('heading', { name: 'Not found' }).waitFor();
  await b.goto(stack.url);
  await eventually(b, async () => (await tile(b, 'sunrise').count()) === 0, 'the deleted image leaves the feed');

  // A deletes the album; the images stay.
  await nav(a, 'Albums').click();
  await a.getByRole('link', { name: /Trip 2026/ }).click();
  a.once('dialog', (dialog) => dialog.accept());
  await a.getByRole('button', { name: 'Delete album' }).click();
  await a.getByText('No albums yet.').waitFor();
  await nav(a, 'My gallery').click();
  await tile(a, 'sunset').waitFor();

  // The feed as its owner sees it, and the sign-in page, for the record and for axe.
  await a.goto(stack.url);
  await shots(a, 'feed-signed-in');
  await a.getByRole('button', { name: 'Sign out' }).click();
  await a.goto(`${stack.url}/signin`);
  await accessible(a, 'sign in');
  await shots(a, 'sign-in');
});
