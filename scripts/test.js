#!/usr/bin/env node
// `npm test`: type check and XSS scan, then the unit and integration tests, then the browser journeys.
// Ends with vitest's summary and one plain line "N passed, N failed[, N skipped]" totalled over both runs.
//
// TEST_DATABASE_URL=postgres://…  runs the database tests on PostgreSQL (otherwise embedded PGlite).
// CHROMIUM_PATH=/path/to/chromium  the browser for the journeys (else /usr/bin/chromium or chromium in PATH).
// CI=true                          a missing Chromium fails instead of skipping the journeys.
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = {
  tsc: join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
  xssScan: join(root, 'node_modules', '@kitajs', 'ts-html-plugin', 'dist', 'cli.js'),
  vitest: join(root, 'node_modules', 'vitest', 'vitest.mjs'),
};
const ci = ['1', 'true', 'yes'].includes(String(process.env.CI ?? '').toLowerCase());
const colour = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (colour ? `\x1b[${code}m${text}\x1b[0m` : text);

/** A notice nobody scrolls past: lines in a box. */
function box(lines, code = '33') {
  const width = Math.max(...lines.map((l) => l.length));
  const out = [`┌${'─'.repeat(width + 2)}┐`, ...lines.map((l) => `│ ${l.padEnd(width)} │`), `└${'─'.repeat(width + 2)}┘`];
  process.stdout.write(`\n${out.map((l) => paint(code, l)).join('\n')}\n\n`);
}

function isExecutableFile(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Where Chromium is, or why it was not found. */
function findChromium() {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return isExecutableFile(configured) ? { path: configured } : { why: `CHROMIUM_PATH=${configured} is not an executable file` };
  if (isExecutableFile('/usr/bin/chromium')) return { path: '/usr/bin/chromium' };
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of ['chromium', 'chromium-browser']) {
      const candidate = join(dir, name);
      if (isExecutableFile(candidate)) return { path: candidate };
    }
  }
  return { why: 'no CHROMIUM_PATH, no /usr/bin/chromium and no chromium in PATH' };
}

/**
 * Runs node with a script. `capture` collects all output for later; `dropLines` passes standard output
 * through, without the lines it matches; otherwise output goes straight to the terminal.
 */
function run(script, args, { capture = false, dropLines = null, env = {} } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: root,
      // Piped output is no terminal: keep vitest's colours when ours is one.
      env: { ...process.env, ...(dropLines && colour ? { FORCE_COLOR: '1' } : {}), ...env },
      stdio: capture ? ['ignore', 'pipe', 'pipe'] : dropLines ? ['inherit', 'pipe', 'inherit'] : 'inherit',
    });
    let output = '';
    if (capture) {
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
    } else if (dropLines) {
      let partial = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk) => {
        const lines = (partial + chunk).split('\n');
        partial = lines.pop();
        const kept = lines.filter((l) => !dropLines.test(l));
        if (kept.length > 0) process.stdout.write(kept.map((l) => `${l}\n`).join(''));
      });
      child.stdout.on('end', () => {
        if (partial && !dropLines.test(partial)) process.stdout.write(partial);
      });
    }
    child.on('error', (err) => resolve({ code: 1, output: `${output}${err.message}\n` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

/** Test counts from vitest's JSON report. A file that failed to load counts as one failure. */
function countsFrom(reportPath, exitCode) {
  let report;
  try {
    report = JSON.parse(readFileSync(reportPath, 'utf8'));
  } catch {
    return { passed: 0, failed: exitCode === 0 ? 0 : 1, skipped: 0 };
  }
  const brokenFiles = (report.testResults ?? []).filter((f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed')).length;
  let failed = (report.numFailedTests ?? 0) + brokenFiles;
  // Vitest failed without a failing test (an unhandled error, say): still a failure in the count.
  if (exitCode !== 0 && failed === 0) failed = 1;
  return { passed: report.numPassedTests ?? 0, failed, skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0) };
}

for (const [name, path] of Object.entries(bin)) {
  if (!existsSync(path)) {
    box([`${name} is not installed (${path}).`, 'Run `npm ci` first.'], '31');
    process.exit(1);
  }
}

if (!process.env.TEST_DATABASE_URL) {
  box([
    'TEST_DATABASE_URL is not set: the tests run on embedded PGlite.',
    'PostgreSQL-only tests (concurrency) are SKIPPED.',
    'Run them with TEST_DATABASE_URL=postgres://user@host:5432/postgres npm test',
  ]);
}

const chromium = findChromium();
if (!chromium.path) {
  if (ci) {
    box([`Chromium not found: ${chromium.why}.`, 'CI=true: the browser journeys must run. Install Debian\'s chromium or set CHROMIUM_PATH.'], '31');
    process.exit(1);
  }
  box([`Chromium not found: ${chromium.why}.`, 'The browser journeys and accessibility checks (e2e/) are SKIPPED.', 'Install Debian\'s chromium (apt-get install chromium) or set CHROMIUM_PATH.']);
}

// The two static checks read the whole program each; on several cores they overlap well.
process.stdout.write('Type check (tsc) and XSS scan (xss-scan)…\n');
const [tsc, xss] = await Promise.all([
  run(bin.tsc, ['-p', 'tsconfig.json', '--noEmit', '--pretty', colour ? 'true' : 'false'], { capture: true }),
  run(bin.xssScan, ['-p', 'tsconfig.json'], { capture: true }),
]);
process.stdout.write(tsc.output);
// xss-scan exits 0 when clean, 2 when it found only warnings (e.g. an unneeded `safe`), 1 on an XSS error.
process.stdout.write(xss.output);
const staticFailures = [];
if (tsc.code !== 0) staticFailures.push('the type check (tsc) failed');
if (xss.code !== 0 && xss.code !== 2) staticFailures.push('the XSS scan (xss-scan) found unescaped output');
if (staticFailures.length > 0) {
  box([...staticFailures.map((f) => `FAILED: ${f}.`), 'Tests not run. Fix the errors above and run `npm test` again.'], '31');
  process.exit(1);
}
process.stdout.write(paint('32', `Type check passed; XSS scan found no errors${xss.code === 2 ? ' (warnings above)' : ''}.\n`));

const reports = mkdtempSync(join(tmpdir(), 'forening-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
let ok = true;
try {
  const vitestRun = async (name, extraArgs, env) => {
    const reportPath = join(reports, `${name}.json`);
    // The JSON reporter's "JSON report written to …" would follow the summary; the summary stays last.
    const result = await run(bin.vitest, ['run', ...extraArgs, '--reporter=default', '--reporter=json', `--outputFile.json=${reportPath}`], {
      env,
      dropLines: /^JSON report written to /,
    });
    const counts = countsFrom(reportPath, result.code);
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
    if (result.code !== 0) ok = false;
  };

  process.stdout.write('\nUnit and integration tests (vitest)…\n');
  await vitestRun('unit', [], {});
  if (chromium.path) {
    process.stdout.write(`\nBrowser journeys and accessibility (vitest, e2e/, ${chromium.path})…\n`);
    await vitestRun('e2e', ['--config', 'vitest.e2e.config.ts'], { CHROMIUM_PATH: chromium.path });
  }
} finally {
  rmSync(reports, { recursive: true, force: true });
}

process.stdout.write(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}\n`);
process.exit(ok && totals.failed === 0 ? 0 : 1);
