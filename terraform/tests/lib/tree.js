// The Terraform tree of this repository, loaded once per test file: modules, stacks and their variable files.

import fs from 'node:fs';
import path from 'node:path';
import { TF_ROOT, loadModule, parseHcl } from './hcl.js';

export const MODULES_DIR = path.join(TF_ROOT, 'modules');
export const STACKS_DIR = path.join(TF_ROOT, 'stacks');

const subdirectories = (dir) => fs.readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();

/** Service stacks: every stack but the platform's; the stack's folder name is the service's folder name. */
export const SERVICE_STACKS = subdirectories(STACKS_DIR).filter((name) => name !== 'platform');

let cached;

/**
 * {modules: {name: config}, stacks: {name: config}, modulesBySource: {stackRelativeSource: config},
 *  siblingModulesBySource: {moduleRelativeSource: config}, envFiles: {stack: {env: {tfvars, backend}}}}
 */
export async function loadTree() {
  if (cached) return cached;
  const modules = {};
  for (const name of subdirectories(MODULES_DIR)) modules[name] = (await loadModule(path.join(MODULES_DIR, name))).config;
  const stacks = {};
  const envFiles = {};
  for (const name of subdirectories(STACKS_DIR)) {
    const dir = path.join(STACKS_DIR, name);
    stacks[name] = (await loadModule(dir)).config;
    envFiles[name] = {};
    const envDir = path.join(dir, 'env');
    for (const file of fs.existsSync(envDir) ? fs.readdirSync(envDir).sort() : []) {
      const match = file.match(/^([a-z0-9]+)\.(tfvars|backend\.hcl)$/);
      if (!match) continue;
      const [, env, kind] = match;
      envFiles[name][env] ??= {};
      envFiles[name][env][kind === 'tfvars' ? 'tfvars' : 'backend'] = await parseHcl(fs.readFileSync(path.join(envDir, file), 'utf8'), file);
    }
  }
  // Stacks call modules as ../../modules/<name>, modules call each other as ../<name>.
  const modulesBySource = Object.fromEntries(Object.entries(modules).map(([name, config]) => [`../../modules/${name}`, config]));
  const siblingModulesBySource = Object.fromEntries(Object.entries(modules).map(([name, config]) => [`../${name}`, config]));
  cached = { modules, stacks, modulesBySource, siblingModulesBySource, envFiles };
  return cached;
}
