// The README's main job: validate the five sample city workbooks (2022, with 2021 as the previous
// period), take them (and 2020–2021) into the centre's ledger, accept them, aggregate from the
// ledger to the zone, write the reports to out/, and print the status matrix and the zone summary.
// The data is SYNTHETIC (see examples/README.md). One file has planted problems, so the findings
// and exit codes below are real ones.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = fileURLToPath(new URL('../packages/cli/dist/cli.js', import.meta.url));
const sunan = (args) => {
  console.log(`\n$ sunan ${args.join(' ')}\n`);
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: 'inherit' });
  return r.status ?? 2;
};

const validate = sunan(['validate', 'examples/data/2022', '--previous', 'examples/data/2021']);
console.log(
  `\n→ validate 退出码 exit code ${validate}（1 = 有错误 error findings: 第1版 has planted problems）`,
);

// The centre's intake ledger (embedded PostgreSQL in out/ledger): every file stored as received,
// revisions in ledger order (never file times), acceptance, then the roll-up from the ledger.
rmSync(join(root, 'out/ledger'), { recursive: true, force: true });
const L = ['--ledger', 'out/ledger', '--by', 'demo'];
// Every city of the period at once (one event each); a revision with errors would be refused.
const cities = ['--city', 'all'];
const steps = [
  ['intake', 'examples/data/2020', 'examples/data/2021', ...L, '--note', '往年年报 earlier years'],
  // Zhenjiang's first version arrives first; the corrected file becomes revision 2. (Both new in
  // one folder intake would be refused: a folder's names are no order of receipt.)
  ['intake', 'examples/data/2022/321100-镇江市-2022-第1版.xlsx', ...L, '--note', '第1版'],
  ['intake', 'examples/data/2022', ...L],
  ['status', '--period', '2022', ...L],
  ['accept', '--period', '2020', ...cities, ...L],
  ['accept', '--period', '2021', ...cities, ...L],
  ['accept', '--period', '2022', ...cities, ...L],
  ['status', '--period', '2022', ...L],
];
let ledgerFailed = false;
for (const args of steps) if (sunan(args) === 2) ledgerFailed = true;

const agg = sunan([
  'aggregate',
  '--ledger',
  'out/ledger',
  '--period',
  '2022',
  '--controls',
  'examples/data/controls-2022.csv',
  '--zone-report',
  'examples/data/zone-report-2022.csv',
  '--out',
  'out',
  // out/ is the demo's own: a second run replaces its reports.
  '--force',
]);
console.log(
  `\n→ aggregate 退出码 exit code ${agg}（1 = 有错误：一个控制数不一致 / a control total disagrees）`,
);
console.log('→ 报告 Reports: out/report.html · out/report.xlsx · out/aggregate.json');

// The same figures in open formats: SDMX-CSV 2.0 + the SDMX-ML 3.0 structure, and a Frictionless
// Data Package, for every year in the ledger (nothing is approved in the demo: status P).
const exported = sunan(['export', '--ledger', 'out/ledger', '--out', 'out/exchange', '--force']);
console.log(
  `→ 开放格式 Open formats: ${join(root, 'out/exchange')} (sdmx/data.csv · sdmx/structure.xml · sdmx/data.json · datapackage/)`,
);
console.log('→ 台账 Ledger: out/ledger（sunan ledger verify --ledger out/ledger）');
// The centre's quality report: what Zhenjiang's revision 2 changed against revision 1 (the
// planted problems fixed), then the period's completeness, punctuality and revisions.
const diffed = sunan(['ledger', 'diff', '--city', '镇江', '--period', '2022', '--ledger', 'out/ledger']);
const quality = sunan(['quality', '--ledger', 'out/ledger', '--period', '2022', '--out', 'out', '--force']);
console.log('→ 数据质量 Quality: out/quality.html · out/quality.xlsx · out/quality.json');
const qualityFailed = diffed === 2 || quality === 2;
// Findings are the expected outcome of the demo; only a usage error or unreadable input fails it.
process.exitCode = validate === 2 || agg === 2 || exported !== 0 || ledgerFailed || qualityFailed ? 2 : 0;
