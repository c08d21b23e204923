// The deployable copy: every file but index.html named after its content, and every reference still resolving.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { release } from '../tools/release.js';

function files(dir, base = dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full, base) : [path.relative(base, full)];
  });
}

test('every shipped file but index.html has a content hash in its name, and every reference resolves', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'release-'));
  release(out);
  const shipped = files(out);
  assert.ok(shipped.includes('index.html'));
  for (const file of shipped.filter((name) => name !== 'index.html')) {
    assert.match(file, /\.[0-9a-f]{10}\.(js|css|svg|png)$/, file);
  }
  const index = readFileSync(path.join(out, 'index.html'), 'utf8');
  const named = [...index.matchAll(/(?:href|src)="\/([^"#]+)"/g)].map((match) => match[1]);
  assert.ok(named.some((file) => /^js\/app\.[0-9a-f]{10}\.js$/.test(file)), 'index.html loads the hashed app');
  for (const file of named) assert.ok(existsSync(path.join(out, file)), `index.html names ${file}`);
  for (const file of shipped.filter((name) => name.endsWith('.js'))) {
    const source = readFileSync(path.join(out, file), 'utf8');
    for (const [, specifier] of source.matchAll(/\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      assert.ok(existsSync(path.join(out, path.dirname(file), specifier)), `${file} imports ${specifier}`);
      assert.match(specifier, /\.[0-9a-f]{10}\.js$/, `${file} imports ${specifier} by its hashed name`);
    }
  }
});

test('the same source gives the same names, so a deploy without changes uploads nothing new', () => {
  const first = release(mkdtempSync(path.join(tmpdir(), 'release-')));
  const second = release(mkdtempSync(path.join(tmpdir(), 'release-')));
  assert.deepEqual([...second], [...first]);
});
