// pnpm bench: how validation compares with merely reading the workbook, and what the five-city
// roll-up costs, for enterprise lists of 1,000, 10,000 and 100,000 rows (SYNTHETIC data).
// Each measurement runs in a fresh child process (so peak memory is its own), five times; the
// median time is reported. Writes bench-results.json. No timing is asserted anywhere.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
// Five runs: on a two-core machine single timings swing by ±20 %; the median is steadier.
const RUNS = 5;

async function worker(op, paths) {
  const XLSX = await import('xlsx');
  const { validateSubmission } = await import('@sunan/validate');
  const { aggregate, fingerprint } = await import('@sunan/aggregate');
  const files = paths.map((p) => new Uint8Array(readFileSync(p)));
  const t0 = process.hrtime.bigint();
  if (op === 'read') XLSX.read(files[0], { type: 'array', dense: true });
  else if (op === 'validate') {
    const r = validateSubmission(files[0]);
    if (!r.ok) throw new Error(`benchmark file invalid: ${r.findings[0]?.code}`);
  } else if (op === 'aggregate') {
    const inputs = [];
    for (const [i, bytes] of files.entries())
      inputs.push({ report: validateSubmission(bytes), file: paths[i], sha256: await fingerprint(bytes) });
    const result = aggregate({ submissions: inputs, period: '2022' });
    if (!result.complete) throw new Error('benchmark roll-up incomplete');
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  process.stdout.write(JSON.stringify({ ms, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
}

function measure(op, paths) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(process.execPath, [self, '--worker', op, ...paths], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    if (r.status !== 0) throw new Error(`${op} failed: ${r.stderr}`);
    runs.push(JSON.parse(r.stdout));
  }
  runs.sort((a, b) => a.ms - b.ms);
  return { ms: runs[Math.floor(RUNS / 2)].ms, maxRssMiB: Math.max(...runs.map((r) => r.maxRssMiB)) };
}

async function main() {
  const { createTemplate } = await import('@sunan/report');
  const { syntheticSubmission } = await import('@sunan/testkit');
  const { parsePeriod, resolveOrgUnit, sunanCatalogue } = await import('@sunan/schema');
  const catalogue = sunanCatalogue();
  const dir = mkdtempSync(join(tmpdir(), 'sunan-bench-'));
  const cities = ['320500', '320100', '320200', '320400', '321100'];
  const sizes = [1_000, 10_000, 100_000];
  const rows = [];
  for (const n of sizes) {
    const paths = [];
    for (const city of cities) {
      const sub = syntheticSubmission({
        catalogue,
        city: resolveOrgUnit(catalogue.orgUnits, city),
        period: parsePeriod('2022'),
        enterprises: n,
      });
      const t = await createTemplate({ city, period: '2022', fill: sub });
      const p = join(dir, `${n}-${city}.xlsx`);
      writeFileSync(p, t.bytes);
      paths.push(p);
    }
    process.stderr.write(`${n} rows: workbooks written, measuring…\n`);
    const read = measure('read', [paths[0]]);
    const validate = measure('validate', [paths[0]]);
    const agg = measure('aggregate', paths);
    rows.push({
      rows: n,
      fileKiB: Math.round(readFileSync(paths[0]).length / 1024),
      readMs: Math.round(read.ms),
      validateMs: Math.round(validate.ms),
      ratio: Number((validate.ms / read.ms).toFixed(2)),
      beyondReadMs: Math.round(validate.ms - read.ms),
      readPeakMiB: Math.round(read.maxRssMiB),
      validatePeakMiB: Math.round(validate.maxRssMiB),
      aggregate5Ms: Math.round(agg.ms),
      aggregate5PeakMiB: Math.round(agg.maxRssMiB),
    });
  }
  console.log(
    '\nsunan-stats benchmark (synthetic Suzhou-style workbooks; median of 5 runs, each in a fresh process)',
  );
  console.log(
    'goal: validate ≤ 1.3 × bare SheetJS read; 100,000 rows well under 1 s of work beyond the read\n',
  );
  const head = [
    'rows',
    'file KiB',
    'read ms',
    'validate ms',
    'ratio',
    'beyond read ms',
    'read peak MiB',
    'validate peak MiB',
    'aggregate ×5 ms',
    'aggregate ×5 peak MiB',
  ];
  const keys = [
    'rows',
    'fileKiB',
    'readMs',
    'validateMs',
    'ratio',
    'beyondReadMs',
    'readPeakMiB',
    'validatePeakMiB',
    'aggregate5Ms',
    'aggregate5PeakMiB',
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[keys[i]]).length)));
  console.log(head.map((h, i) => h.padStart(widths[i])).join('  '));
  for (const r of rows) console.log(keys.map((k, i) => String(r[k]).padStart(widths[i])).join('  '));
  const out = fileURLToPath(new URL('../bench-results.json', import.meta.url));
  writeFileSync(out, `${JSON.stringify({ node: process.version, cpus: 2, results: rows }, null, 2)}\n`);
  console.log(`\nwritten: bench-results.json (work dir ${dir}, ${readdirSync(dir).length} files)`);
}

if (process.argv[2] === '--worker') await worker(process.argv[3], process.argv.slice(4));
else await main();
