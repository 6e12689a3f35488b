import { type Catalogue, type Finding, formatPeriod, orgUnitName, type Submission } from '@sunan/schema/core';
import { buildFinding } from '../findings/build.js';
import { append } from '../findings/cap-findings.js';
import { templateRows } from '../read/template-rows.js';
import { type Check, type CheckContext, report } from './check-context.js';
import { checkEnterprises } from './check-enterprises.js';
import { checkPrevious } from './check-previous.js';
import { checkRules } from './check-rules.js';
import { checkValues } from './check-values.js';
import { checkMagnitude } from './magnitude.js';
import { readPrevious } from './previous-period.js';

/** The kinds of period the catalogue's indicators are reported for, as text for messages. */
export function periodsReported(catalogue: Catalogue, lang?: 'zh' | 'en'): string {
  const kinds = new Set(catalogue.indicators.flatMap((i) => i.periodicity));
  const say = (zh: string, en: string) => (lang === 'zh' ? zh : lang === 'en' ? en : `${zh} ${en}`);
  return [
    kinds.has('annual') ? say('年度', 'annual') + ' (2022)' : '',
    kinds.has('quarterly') ? say('季度', 'quarterly') + ' (2022Q3)' : '',
  ]
    .filter((x) => x !== '')
    .join('、');
}

/** Reads each value of the 指标 table; everything after works on the values read. */
const values: Check = {
  name: 'values',
  run(ctx) {
    const checked = checkValues(ctx.parsed, ctx.catalogue, ctx.city, ctx.period, ctx.limits.maxFindings);
    for (const [key, v] of checked.values) ctx.values.set(key, v);
    append(ctx.blanks, checked.blanks);
    report(ctx, checked.findings);
    append(ctx.overflow, checked.overflow);
  },
};

/**
 * A file with no values never passes: a period for which the catalogue asks nothing (a quarter, when
 * no indicator is quarterly) is refused, and a file whose table holds no value is an error.
 */
const emptiness: Check = {
  name: 'emptiness',
  run(ctx) {
    const { catalogue, city, period } = ctx;
    if (templateRows(catalogue, city, period).length === 0) {
      const quarter = period.kind === 'quarter';
      const [shown, reported] = [formatPeriod(period), periodsReported(catalogue, 'zh')];
      const expected = periodsReported(catalogue);
      ctx.findings.push(
        buildFinding(
          'PERIOD_NOT_REPORTED',
          undefined,
          { quarter, period: shown, reported },
          { value: shown, expected },
        ),
      );
    } else if (ctx.values.size === 0) {
      const sheet = ctx.parsed.valueSheet;
      ctx.findings.push(buildFinding('VAL_NO_VALUES', sheet ? { sheet } : undefined, {}));
    }
  },
};

/**
 * A previous-period file of another city, or not of the year before, is not compared: the clerk is
 * told so, instead of believing the year-on-year checks ran.
 */
function otherPrevious(prev: Submission, ctx: CheckContext): Finding | undefined {
  const [city, period] = [ctx.city.code, formatPeriod(ctx.period)];
  const wanted = period.replace(/^\d{4}/, (y) => String(Number(y) - 1));
  if (prev.city === city && prev.period === wanted) return undefined;
  return buildFinding(
    'PREVIOUS_OTHER',
    undefined,
    { city: { name: orgUnitName(ctx.catalogue, prev.city) }, period: prev.period },
    { value: `${prev.city} ${prev.period}`, expected: `${city} ${wanted}` },
  );
}

/**
 * Year-on-year checks against the previous period's submission, when one is given. Before the
 * plausibility bounds and the rules: the cells whose unit slip last year's figure shows are doubted
 * from here on.
 */
const previous: Check = {
  name: 'previous',
  run(ctx) {
    const given = ctx.options.previous;
    if (given === undefined) return;
    const prev = readPrevious(ctx);
    if (!prev) {
      const code = typeof given === 'function' ? 'PREVIOUS_MISSING' : 'PREVIOUS_UNREADABLE';
      ctx.findings.push(buildFinding(code, undefined, {}));
      return;
    }
    const other = otherPrevious(prev, ctx);
    if (other) ctx.findings.push(other);
    else report(ctx, checkPrevious(ctx.values, prev, ctx.catalogue, ctx.doubted));
  },
};

/**
 * Plausibility bounds, before the rules: the cells they doubt (a unit slip, an implausible figure)
 * weigh in the localisation of failed rules.
 */
const magnitude: Check = {
  name: 'magnitude',
  run: (ctx) => report(ctx, checkMagnitude(ctx.values, ctx.catalogue, ctx.units, ctx.doubted)),
};

/** The catalogue's rules at the city and its parks, and the likeliest wrong cell of each failure. */
const rules: Check = {
  name: 'rules',
  run: (ctx) => report(ctx, checkRules(ctx.values, ctx.catalogue, ctx.city, ctx.period, ctx.doubted)),
};

/** The enterprise list, against the reported counts (not for a values-only read). */
const list: Check = {
  name: 'list',
  run(ctx) {
    if (ctx.options.valuesOnly) return;
    const ent = checkEnterprises(
      ctx.parsed,
      ctx.values,
      ctx.catalogue,
      ctx.city,
      ctx.period,
      ctx.limits.maxFindings,
    );
    ctx.list = { enterprises: ent.enterprises, locations: ent.locations };
    report(ctx, ent.findings);
    append(ctx.overflow, ent.overflow);
  },
};

/**
 * The checks of a file's contents, in the order they run: each stage may use what the ones before it
 * read (the values) or doubted (the cells of a unit slip).
 */
export const STAGES: readonly Check[] = [values, emptiness, previous, magnitude, rules, list];
