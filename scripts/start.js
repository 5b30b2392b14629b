#!/usr/bin/env node
// Builds when the compiled code is missing or older than the sources, then runs the CLI.
// `npm start` = `node scripts/start.js serve`; `npm run forening -- <command>` passes the command on.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist', 'src', 'main.js');

function newest(dir) {
  let latest = 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, name.name);
    latest = Math.max(latest, name.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return latest;
}

function needsBuild() {
  if (!existsSync(entry)) return true;
  const built = statSync(entry).mtimeMs;
  return ['src', 'bench'].some((d) => existsSync(join(root, d)) && newest(join(root, d)) > built) || statSync(join(root, 'package.json')).mtimeMs > built;
}

const args = process.argv.slice(2);
if (args[0] === '--script') {
  // Benchmarks and tools written in TypeScript run through tsx, against the sources.
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, args[1]), ...args.slice(2)], { stdio: 'inherit', cwd: root });
  process.exit(r.status ?? 1);
}
if (needsBuild()) {
  process.stdout.write('Building Forening (first start or changed sources)…\n');
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) process.exit(r.status ?? 1);
  // tsc leaves an unchanged file's timestamp alone; touch the entry so the next start skips the build.
  const now = new Date();
  (await import('node:fs')).utimesSync(entry, now, now);
}
process.argv = [process.argv[0], entry, ...args];
await import(pathToFileURL(entry).href);
