// Every Terraform file parses with HashiCorp's HCL parser; invalid HCL is rejected.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { TF_ROOT, listFiles, parseHcl } from './lib/hcl.js';

const files = listFiles(TF_ROOT, ['.tf', '.tfvars', '.backend.hcl']);

test('the tree has Terraform files', () => {
  assert.ok(files.filter((file) => file.endsWith('.tf')).length >= 20, `only ${files.length} files found`);
});

for (const file of files) {
  test(`parses ${path.relative(TF_ROOT, file)}`, async () => {
    const json = await parseHcl(fs.readFileSync(file, 'utf8'), file);
    assert.equal(typeof json, 'object');
  });
}
