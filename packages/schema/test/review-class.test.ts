import { readFileSync } from 'node:fs';
import {
  CATALOGUE_CHECK_CLASSES,
  checkCatalogue,
  REVIEW_CLASSES,
  reviewClass,
  reviewVerdict,
  sunanCatalogue,
  sunanCatalogueDocument,
} from '@sunan/schema';
import { describe, expect, it } from 'vitest';

const file = (name: string) => readFileSync(new URL(`../${name}`, import.meta.url), 'utf8');
interface RawCheck {
  id?: string;
  indicator?: string;
  severity?: string;
  review?: string;
}
const rawRules = JSON.parse(file('data/rules.json')) as {
  reviewGroups: Array<{ id: string; severity: string }>;
  rules: RawCheck[];
};
const rawBounds = (JSON.parse(file('data/bounds.json')) as { bounds: RawCheck[] }).bounds;

describe('review classes', () => {
  it('maps each severity to its class, with the names offices know', () => {
    expect(reviewClass('error').label).toEqual({ zh: '强制性', en: 'mandatory' });
    expect(reviewClass('warning').label).toEqual({ zh: '核实性', en: 'verification' });
    expect(reviewClass('info').label).toEqual({ zh: '提示性', en: 'advisory' });
    expect(REVIEW_CLASSES.map((c) => reviewClass(c.severity))).toEqual(REVIEW_CLASSES);
  });

  it('says the verdict in words: passed, passed with explanations, explanation needed, not passed', () => {
    expect(reviewVerdict({ errors: 0, openWarnings: 0, explained: 0 }).zh).toBe('通过');
    expect(reviewVerdict({ errors: 0, openWarnings: 0, explained: 3 }).zh).toBe(
      '通过（3 项核实性问题已说明）',
    );
    expect(reviewVerdict({ errors: 0, openWarnings: 2, explained: 1 }).zh).toBe(
      '待说明：2 项核实性问题须修改或说明',
    );
    expect(reviewVerdict({ errors: 1, openWarnings: 0, explained: 4 }).zh).toBe(
      '未通过：1 项强制性问题须修改',
    );
  });
});

describe('the built-in catalogue declares the class of every check', () => {
  const groups = new Map(rawRules.reviewGroups.map((g) => [g.id, g]));

  it('every rule and bound, in the data files themselves, names a review group of its own severity', () => {
    const checks = [...rawRules.rules, ...rawBounds];
    expect(checks.length).toBe(56 + 45);
    for (const check of checks) {
      const name = check.id ?? check.indicator;
      expect(check.severity, `${name} has no severity`).toMatch(/^(error|warning|info)$/);
      expect(check.review, `${name} names no review group`).toBeDefined();
      expect(groups.get(check.review ?? '')?.severity, `${name}'s group`).toBe(check.severity);
    }
  });

  it('keeps ratio identities and part ≤ whole mandatory; parks ≤ city and plausibility bounds verification', () => {
    const catalogue = sunanCatalogue();
    for (const rule of catalogue.rules) {
      const expected = /^(RATIO|PART)_/.test(rule.id) ? 'error' : 'warning';
      expect(rule.severity, rule.id).toBe(expected);
      expect(rule.review, rule.id).toBe(
        rule.id.startsWith('RATIO_')
          ? 'ratio-identity'
          : rule.id.startsWith('PART_')
            ? 'part-of-whole'
            : 'parks-within-city',
      );
    }
    for (const bound of catalogue.bounds ?? []) expect(bound.severity, bound.indicator).toBe('warning');
    const yoy = CATALOGUE_CHECK_CLASSES.find((c) => c.code === 'YOY_CHANGE');
    expect(yoy?.severity).toBe('warning');
    for (const c of CATALOGUE_CHECK_CLASSES.filter((x) => /UNIT_SLIP$/.test(x.code)))
      expect(c.severity, c.code).toBe('error');
  });

  it('refuses a rule whose severity is not its group’s, and a group that does not exist', () => {
    const doc = sunanCatalogueDocument();
    const rules = structuredClone(doc.rules) as RawCheck[];
    const bounds = structuredClone(doc.bounds) as RawCheck[];
    (rules[0] as RawCheck).severity = 'warning';
    (rules[30] as RawCheck).review = 'no-such-group';
    (bounds[0] as RawCheck).severity = 'error';
    const result = checkCatalogue({ ...doc, rules, bounds }, { ruleSet: false });
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => [p.code, p.path])).toEqual([
      ['CAT_REVIEW_CLASS', '$.rules[0].severity'],
      ['CAT_UNKNOWN_REVIEW_GROUP', '$.rules[30].review'],
      ['CAT_REVIEW_CLASS', '$.bounds[0].severity'],
    ]);
  });

  it('CATALOGUE.md states the same class as the data for every rule, bound and group', () => {
    const md = file('CATALOGUE.md');
    const catalogue = sunanCatalogue();
    const ruleLines = md.split('\n').filter((l) => /^- \(\d+\) 【/.test(l));
    expect(ruleLines.length).toBe(catalogue.rules.length + 1);
    catalogue.rules.forEach((rule, i) => {
      const line = ruleLines[i] ?? '';
      expect(line, rule.id).toContain(`【${reviewClass(rule.severity).label.zh}】${rule.message.zh}`);
    });
    for (const bound of catalogue.bounds ?? []) {
      const row = md
        .split('\n')
        .find((l) => l.startsWith(`| \`${bound.indicator}\` | ${bound.per ? '`' : '—'}`));
      expect(row?.split(' | ')[5], bound.indicator).toBe(reviewClass(bound.severity).label.zh);
    }
    for (const group of catalogue.reviewGroups ?? []) {
      const row = md.split('\n').find((l) => l.includes(`(\`${group.id}\`)`));
      const label = reviewClass(group.severity).label;
      expect(row?.split(' | ')[1], group.id).toBe(`${label.zh} ${label.en}`);
      expect(row).toContain(group.reason.zh);
    }
    for (const c of CATALOGUE_CHECK_CLASSES) {
      const row = md.split('\n').find((l) => l.startsWith(`| \`${c.code}\` |`));
      expect(row?.split(' | ')[2], c.code).toBe(
        `${reviewClass(c.severity).label.zh} ${reviewClass(c.severity).label.en}`,
      );
    }
  });
});
