// The stack `make run` starts (DevStack: the stand-ins, the three services, their workers, the gateway), on free
// ports with its data in a fresh folder, for the browser tests. The gateway serves the app as deployed: the release
// copy, with hashed file names (tools/release.js).
import { spawn } from 'node:child_process';
import { release } from '../tools/release.js';
import { mkdtempSync, readFileSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export async function startStack(logFile) {
  const devstack = path.join(ROOT, 'services/devstack');
  const classpath = `${path.join(devstack, 'target/classes')}:${readFileSync(
    path.join(devstack, 'target/runtime-classpath.txt'), 'utf8').trim()}`;
  const ports = {};
  for (const name of ['PORT', 'POSTGRES_PORT', 'COGNITO_PORT', 'S3_PORT', 'SQS_PORT']) ports[name] = await freePort();
  const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin/java') : 'java';
  const site = mkdtempSync(path.join(tmpdir(), 'frontend-release-'));
  release(site);
  const child = spawn(java, ['-cp', classpath, 'dev.cloudgallery.devstack.DevStack'], {
    cwd: ROOT,
    env: { ...process.env, ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
           DEVSTACK_DATA: mkdtempSync(path.join(tmpdir(), 'frontend-e2e-')),
           FRONTEND_DIR: site },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(logFile);
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const url = `http://localhost:${ports.PORT}`;
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The stack exited (${child.exitCode}); see ${logFile}`);
    if (Date.now() > deadline) throw new Error(`The stack did not come up in time; see ${logFile}`);
    const healthy = await Promise.all(['users', 'images', 'gallery'].map((service) =>
      fetch(`${url}/api/${service}/health`).then((response) => response.ok, () => false)));
    if (healthy.every(Boolean)) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return {
    url,
    stop: () => new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    }),
  };
}
