// The site's Content-Security-Policy is written three times: CloudFront's response headers policy (deployed), the
// local gateway of `make run` and compose's nginx. They must say the same, less what only holds deployed: the
// images bucket's origin (locally S3 is proxied on the site's origin) and upgrade-insecure-requests (locally HTTP).

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './lib/hcl.js';

const read = (file) => fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');

/** A policy as directive → sorted sources, so formatting and order don't matter. */
function parse(policy) {
  return Object.fromEntries(policy.split(';').map((part) => part.trim()).filter(Boolean).map((directive) => {
    const [name, ...sources] = directive.split(/\s+/);
    return [name, sources.sort()];
  }));
}

function deployed() {
  const cdn = read('terraform/modules/platform/cdn.tf');
  const list = cdn.match(/content_security_policy\s*=\s*join\("; ",\s*\[([\s\S]*?)\]\)/);
  assert.ok(list, 'cdn.tf builds content_security_policy with join("; ", [...])');
  return [...list[1].matchAll(/"([^"]*)"/g)].map((match) => match[1]).join('; ');
}

function gateway() {
  const java = read('services/devstack/src/main/java/dev/cloudgallery/devstack/Gateway.java');
  const constant = java.match(/CONTENT_SECURITY_POLICY\s*=\s*((?:"[^"]*"\s*\+?\s*)+);/);
  assert.ok(constant, 'Gateway.java declares CONTENT_SECURITY_POLICY as string literals');
  return [...constant[1].matchAll(/"([^"]*)"/g)].map((match) => match[1]).join('');
}

function nginx() {
  const conf = read('services/compose/nginx/default.conf');
  const header = conf.match(/add_header Content-Security-Policy "([^"]*)" always;/);
  assert.ok(header, 'nginx adds Content-Security-Policy');
  return header[1];
}

test('the local gateway, nginx and CloudFront send the same Content-Security-Policy', () => {
  const production = parse(deployed());
  const local = Object.fromEntries(Object.entries(production)
    .filter(([name]) => name !== 'upgrade-insecure-requests')
    .map(([name, sources]) => [name, sources.filter((source) => source !== '${local.images_bucket_origin}')]));
  assert.deepEqual(parse(gateway()), local, 'Gateway.java against cdn.tf');
  assert.deepEqual(parse(nginx()), local, 'nginx default.conf against cdn.tf');
});

test('the policy allows no inline or evaluated script anywhere', () => {
  for (const [where, policy] of [['cdn.tf', deployed()], ['Gateway.java', gateway()], ['nginx', nginx()]]) {
    const parsed = parse(policy);
    assert.deepEqual(parsed['script-src'], ["'self'"], `${where}: script-src`);
    assert.deepEqual(parsed['object-src'], ["'none'"], `${where}: object-src`);
    assert.deepEqual(parsed['frame-ancestors'], ["'none'"], `${where}: frame-ancestors`);
  }
});
