// The README's main job: validate the five sample city workbooks (2022, with 2021 as the previous
// period), aggregate them to the zone, write the reports to out/, and print the zone summary.
// The data is SYNTHETIC (see examples/README.md). One file has planted problems, so the findings
// and exit codes below are real ones.
import { spawnSync } from 'node:child_process';
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

const agg = sunan([
  'aggregate',
  'examples/data/2022',
  '--period',
  '2022',
  '--previous',
  'examples/data/2021',
  '--history',
  'examples/data/2020',
  '--controls',
  'examples/data/controls-2022.csv',
  '--zone-report',
  'examples/data/zone-report-2022.csv',
  '--out',
  'out',
]);
console.log(
  `\n→ aggregate 退出码 exit code ${agg}（1 = 有错误：一个控制数不一致 / a control total disagrees）`,
);
console.log('→ 报告 Reports: out/report.html · out/report.xlsx · out/aggregate.json');
// Findings are the expected outcome of the demo; only a usage error or unreadable input fails it.
process.exitCode = validate === 2 || agg === 2 ? 2 : 0;
