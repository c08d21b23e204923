// Makes the deployable copy of the app: every file but index.html renamed after a hash of its content
// (app.3f9c1e0b2a.js), and every reference to it rewritten, so that CloudFront and browsers may keep those files
// for a year while index.html, which names them, is revalidated on each visit. No bundling: the modules stay
// modules, one file each.
//
//   node tools/release.js OUT_DIR
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHIPPED = /\.(js|css|svg|png)$/;
const IMPORT = /(\bfrom\s*|\bimport\s*\(?\s*)(['"])(\.{1,2}\/[^'"]+)\2/g;

/** The files the site serves: index.html, the stylesheet, the icon and the modules under js/. */
function siteFiles() {
  const files = ['index.html', 'styles.css', 'favicon.svg'];
  const walk = (dir) => readdirSync(path.join(SOURCE, dir)).forEach((name) => {
    const relative = path.posix.join(dir, name);
    if (statSync(path.join(SOURCE, relative)).isDirectory()) walk(relative);
    else if (SHIPPED.test(name)) files.push(relative);
  });
  walk('js');
  return files;
}

export function release(out) {
  rmSync(out, { recursive: true, force: true });
  const renamed = new Map();
  const visiting = new Set();

  // A module's name depends on its imports' names, so imports are named first.
  function name(file) {
    if (renamed.has(file)) return renamed.get(file);
    if (visiting.has(file)) throw new Error(`import cycle through ${file}`);
    visiting.add(file);
    let content = readFileSync(path.join(SOURCE, file));
    if (file.endsWith('.js')) {
      content = Buffer.from(content.toString('utf8').replace(IMPORT, (match, keyword, quote, specifier) => {
        const target = path.posix.join(path.posix.dirname(file), specifier);
        const hashed = path.posix.relative(path.posix.dirname(file), name(target));
        return `${keyword}${quote}${hashed.startsWith('.') ? hashed : `./${hashed}`}${quote}`;
      }));
    }
    const hash = createHash('sha256').update(content).digest('hex').slice(0, 10);
    const extension = path.posix.extname(file);
    const result = `${file.slice(0, -extension.length)}.${hash}${extension}`;
    mkdirSync(path.join(out, path.posix.dirname(result)), { recursive: true });
    writeFileSync(path.join(out, result), content);
    visiting.delete(file);
    renamed.set(file, result);
    return result;
  }

  siteFiles().filter((file) => file !== 'index.html').forEach(name);
  const index = readFileSync(path.join(SOURCE, 'index.html'), 'utf8')
    .replace(/(href|src)="\/([^"]+)"/g, (match, attribute, file) => {
      if (!renamed.has(file)) throw new Error(`index.html names ${file}, which is not a site file`);
      return `${attribute}="/${renamed.get(file)}"`;
    });
  writeFileSync(path.join(out, 'index.html'), index);
  return renamed;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2];
  if (!out) {
    console.error('usage: node tools/release.js OUT_DIR');
    process.exit(2);
  }
  const renamed = release(path.resolve(out));
  console.log(`release: index.html and ${renamed.size} files with hashed names in ${out}`);
}
