// Prints a summary of the built-in catalogue from the built @sunan/schema package.
import { childrenOf, parsePeriod, sunanCatalogue, unitsAt } from '@sunan/schema';

const c = sunanCatalogue();
const byKind = new Map();
for (const i of c.indicators) byKind.set(i.aggregation.kind, [...(byKind.get(i.aggregation.kind) ?? []), i]);
console.log(`${c.name.zh} / ${c.name.en} — 目录版本 catalogue ${c.version}`);
console.log(`\n指标 Indicators: ${c.indicators.length}`);
for (const [kind, list] of byKind)
  console.log(`  ${kind.padEnd(15)} ${list.length}  ${list.map((i) => i.code).join(', ')}`);
const period = parsePeriod('2022');
console.log('\n城市与园区 Cities and parks (2022):');
for (const city of unitsAt(c.orgUnits, 'city', period))
  console.log(
    `  ${city.code} ${city.name.zh} ${city.name.en}: ${childrenOf(c.orgUnits, city.code, period)
      .map((p) => p.name.zh)
      .join('、')}`,
  );
console.log(`\n目标 Targets: ${c.targets.length}`);
for (const t of c.targets.filter((x) => x.orgUnit === 'SUNAN'))
  console.log(
    `  ${t.period} ${t.indicator.padEnd(28)} ${t.approximate ? '≈' : ' '}${t.value} ${t.unit}${t.cumulative ? ` (累计 ${t.cumulative.from}–${t.cumulative.to})` : ''}`,
  );
console.log(`\n校验规则 Rules: ${c.rules.length}`);
