#!/usr/bin/env node
// Merges translation keys into src/locales/{da,sv,en}.json under a lock, so several people (or
// agents) adding keys at once never lose each other's edits.
// Usage: node scripts/add-locale-keys.mjs keys.json   where keys.json is { "da": {...}, "sv": {...}, "en": {...} }
// Nested objects merge; a key given again overwrites its old text. Files are written sorted as given.
import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'locales');
const lock = join(dir, '.lock');
const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));

function merge(target, source) {
  for (const [k, v] of Object.entries(source)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) target[k] = merge(target[k] && typeof target[k] === 'object' ? target[k] : {}, v);
    else target[k] = v;
  }
  return target;
}

const deadline = Date.now() + 10_000;
let fd;
for (;;) {
  try {
    fd = openSync(lock, 'wx');
    break;
  } catch {
    if (Date.now() > deadline) throw new Error(`${lock} is held; remove it if no one is writing`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
try {
  for (const locale of ['da', 'sv', 'en']) {
    if (!input[locale]) continue;
    const file = join(dir, `${locale}.json`);
    const merged = merge(JSON.parse(readFileSync(file, 'utf8')), input[locale]);
    writeFileSync(file + '.tmp', JSON.stringify(merged, null, 2) + '\n');
    renameSync(file + '.tmp', file);
  }
} finally {
  closeSync(fd);
  unlinkSync(lock);
}
