// Loading Terraform configuration as JSON with HashiCorp's HCL parser (@cdktf/hcl2json), and helpers to walk it.
//
// hcl2json keeps expressions as strings wrapped in "${...}" and blocks as arrays of objects, e.g.
//   resource "aws_s3_bucket" "b" { bucket = var.name }  ->  {resource: {aws_s3_bucket: {b: [{bucket: "${var.name}"}]}}}
// so the checks below read literal values directly and inspect expressions as text.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '@cdktf/hcl2json';

export const TF_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const REPO_ROOT = path.resolve(TF_ROOT, '..');

const SKIPPED_DIRS = new Set(['node_modules', '.terraform', 'tests']);

/** Files under dir (recursively, skipping tests and tool directories) whose name ends with one of the suffixes. */
export function listFiles(dir, suffixes) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) found.push(...listFiles(full, suffixes));
    } else if (suffixes.some((suffix) => entry.name.endsWith(suffix))) {
      found.push(full);
    }
  }
  return found.sort();
}

/** Parses HCL text; rejects (throws) on invalid HCL. */
export async function parseHcl(text, filename = 'inline.tf') {
  return parse(filename, text);
}

/**
 * Merges the parsed files of one module directory into a single view:
 * resource/data/ephemeral: {type: {name: body}}, variable/output/module: {name: body}, locals: {name: value},
 * provider: {name: [body...]}, terraform: [body...], check: {name: body}.
 */
export function mergeConfig(parsedFiles) {
  const config = { resource: {}, data: {}, ephemeral: {}, variable: {}, output: {}, module: {}, locals: {}, provider: {}, terraform: [], check: {} };
  for (const json of parsedFiles) {
    for (const kind of ['resource', 'data', 'ephemeral']) {
      for (const [type, named] of Object.entries(json[kind] || {})) {
        config[kind][type] ??= {};
        for (const [name, bodies] of Object.entries(named)) config[kind][type][name] = bodies[0];
      }
    }
    for (const kind of ['variable', 'output', 'module', 'check']) {
      for (const [name, bodies] of Object.entries(json[kind] || {})) config[kind][name] = bodies[0];
    }
    for (const block of json.locals || []) Object.assign(config.locals, block);
    for (const [name, bodies] of Object.entries(json.provider || {})) {
      config.provider[name] = [...(config.provider[name] || []), ...bodies];
    }
    config.terraform.push(...(json.terraform || []));
  }
  return config;
}

/** Parses every .tf file of one directory (not recursive) into a merged config. */
export async function loadModule(dir) {
  const files = fs.readdirSync(dir).filter((name) => name.endsWith('.tf')).sort();
  const parsed = [];
  for (const name of files) {
    const file = path.join(dir, name);
    parsed.push(await parseHcl(fs.readFileSync(file, 'utf8'), file));
  }
  return { dir, files, config: mergeConfig(parsed) };
}

/** Parses an inline snippet (for the self-checks). */
export async function loadInline(text) {
  return mergeConfig([await parseHcl(text)]);
}

/** Every string anywhere inside a value. */
export function strings(value, out = []) {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((item) => strings(item, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((item) => strings(item, out));
  return out;
}

/** Expression strings only (those hcl2json wrapped in "${...}", i.e. not plain literals). */
export function expressions(value) {
  return strings(value).filter((text) => text.includes('${'));
}

const REFERENCE = /(?<![\w.-])(var|local|module|data|ephemeral)\.([A-Za-z_][\w-]*)(?:\.([A-Za-z_][\w-]*))?(?:\.([A-Za-z_][\w-]*))?/g;

/** References of the given kind ("var", "local", "module", ...) made by expressions inside value. */
export function references(value, kind) {
  const found = [];
  for (const text of expressions(value)) {
    for (const match of text.matchAll(REFERENCE)) {
      if (match[1] === kind) found.push(match.slice(2).filter(Boolean));
    }
  }
  return found;
}

/** True when an expression string refers to the given address (e.g. "aws_s3_bucket.this"), optionally indexed. */
export function refersTo(value, address) {
  const escaped = address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?<![\\w.-])${escaped}(?![\\w-])`);
  return expressions(value).some((text) => pattern.test(text));
}

/** First block of a nested block list (hcl2json gives blocks as arrays), or undefined. */
export function block(body, name) {
  const value = body?.[name];
  return Array.isArray(value) ? value[0] : undefined;
}

/** All blocks of a type, static ones and the content of dynamic ones. */
export function blocks(body, name) {
  const found = [];
  if (Array.isArray(body?.[name])) found.push(...body[name]);
  for (const dynamic of body?.dynamic?.[name] || []) found.push(...(dynamic.content || []));
  return found;
}

/** Quoted string literals inside an expression string, e.g. the items of toset(["a", "b"]). */
export function quotedStrings(expression) {
  return [...String(expression).matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((match) => match[1]);
}

/** Loads YAML with the yaml package (comments dropped). */
export async function loadYaml(file) {
  const { parse: parseYaml } = await import('yaml');
  return parseYaml(fs.readFileSync(file, 'utf8'));
}
