import type { InputUnit } from './zod/units.js';

export type { InputUnit };

/**
 * Units of measure and how they convert. Only units of one family convert into each other,
 * and only by an exact power-of-ten factor, so a value in 万元 becomes 亿元 without rounding.
 */
export const UNITS = {
  元: { family: 'money', scale: '1' },
  万元: { family: 'money', scale: '10000' },
  亿元: { family: 'money', scale: '100000000' },
  人: { family: 'persons', scale: '1' },
  万人: { family: 'persons', scale: '10000' },
  人年: { family: 'person-years', scale: '1' },
  个: { family: 'count-ge', scale: '1' },
  家: { family: 'count-jia', scale: '1' },
  项: { family: 'count-xiang', scale: '1' },
  件: { family: 'count-jian', scale: '1' },
  '%': { family: 'percent', scale: '1' },
  '件/万人': { family: 'per10k-jian', scale: '1' },
  '人年/万人': { family: 'per10k-person-years', scale: '1' },
  '万元/人': { family: 'money-per-person', scale: '1' },
  平方公里: { family: 'area', scale: '1' },
  '万元/平方公里': { family: 'money-per-area', scale: '1' },
} as const satisfies Record<string, { family: string; scale: string }>;

/** A unit this project knows. */
export type UnitCode = keyof typeof UNITS;

/** English names for the units, for the English half of messages and docs. */
export const UNIT_NAMES_EN: Record<UnitCode, string> = {
  元: 'yuan',
  万元: '10k yuan',
  亿元: '100m yuan',
  人: 'persons',
  万人: '10k persons',
  人年: 'person-years',
  个: 'items',
  家: 'units',
  项: 'items',
  件: 'items',
  '%': '%',
  '件/万人': 'per 10k persons',
  '人年/万人': 'person-years per 10k persons',
  '万元/人': '10k yuan per person',
  平方公里: 'km²',
  '万元/平方公里': '10k yuan per km²',
};

/**
 * The units a value may be typed in for an indicator whose canonical unit is `unit`, each with its
 * exact factor (a decimal string): every unit of the same family.
 */
export function inputUnitsFor(unit: UnitCode): InputUnit[] {
  const target = UNITS[unit];
  return (Object.keys(UNITS) as UnitCode[])
    .filter((u) => UNITS[u].family === target.family)
    .map((u) => ({ unit: u, factor: divideScales(UNITS[u].scale, target.scale) }));
}

// Scales are powers of ten, so the quotient is a power of ten too; do it on the digit strings.
function divideScales(from: string, to: string): string {
  const exp = from.length - to.length;
  if (exp >= 0) return `1${'0'.repeat(exp)}`;
  return `0.${'0'.repeat(-exp - 1)}1`;
}
