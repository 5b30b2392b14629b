import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localesDir } from '../../platform/paths.js';
import { labelOf } from '../../platform/i18n/labels.js';
import { auditEntityLabel } from './audit-labels.js';

const srcDir = join(localesDir, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('the audit log names', () => {
  it('every entity type the code audits, so none reads as its bare code', () => {
    const audited = sourceFiles(srcDir).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\b(?:entityType|importEntity):\s*'([a-z_]+)'/g)].map((m) => ({ type: m[1], where: relative(srcDir, file) })),
    );
    expect(audited.length).toBeGreaterThan(50);
    expect(audited.filter((a) => !labelOf(auditEntityLabel, a.type)).map((a) => `${a.type} (${a.where})`)).toEqual([]);
  });
});
