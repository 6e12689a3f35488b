import { z } from 'zod';
import indexDefinition from '../data/index-definition.json';
import { sunanCatalogue } from './builtin.js';
import type { Catalogue } from './catalogue.js';
import { findIndicator } from './catalogue.js';
import type { CatalogueProblem } from './check-catalogue.js';
import { DecimalString } from './zod/decimal-string.js';
import { PeriodId } from './zod/period.js';
import { LocalizedText } from './zod/text.js';

/**
 * A composite index: dimensions of indicators with their polarity, and optionally weights published
 * for it (reference data, e.g. the paper's entropy weights), in percent.
 */
export const IndexDefinition = z
  .object({
    $comment: z.string().optional(),
    id: z.string().min(1),
    name: LocalizedText,
    source: z.string().optional(),
    dimensions: z
      .array(
        z
          .object({
            id: z.string().min(1),
            name: LocalizedText,
            indicators: z
              .array(
                z
                  .object({ code: z.string(), polarity: z.enum(['positive', 'negative']).optional() })
                  .strict(),
              )
              .min(1),
          })
          .strict(),
      )
      .min(1),
    referenceWeights: z
      .array(z.object({ period: PeriodId, percent: z.record(z.string(), DecimalString) }).strict())
      .default([]),
  })
  .strict();
/** A composite index definition. */
export type IndexDefinition = z.infer<typeof IndexDefinition>;

/** The outcome of checking an index definition. */
export type IndexDefinitionResult =
  | { ok: true; definition: IndexDefinition; problems: [] }
  | { ok: false; definition: undefined; problems: CatalogueProblem[] };

/**
 * Dimensions and indicators listed twice, and indicators the catalogue does not have, added to
 * `problems`; returns the index's indicator codes.
 */
function dimensionProblems(
  definition: IndexDefinition,
  catalogue: Catalogue,
  problems: CatalogueProblem[],
): Set<string> {
  const seen = new Set<string>();
  const dimIds = new Set<string>();
  definition.dimensions.forEach((d, di) => {
    if (dimIds.has(d.id))
      problems.push({
        code: 'CAT_DUPLICATE_CODE',
        path: `$.dimensions[${di}].id`,
        message: { zh: `维度 ${d.id} 重复`, en: `Duplicate dimension ${d.id}` },
      });
    dimIds.add(d.id);
    d.indicators.forEach((ind, ii) => {
      const path = `$.dimensions[${di}].indicators[${ii}].code`;
      if (seen.has(ind.code))
        problems.push({
          code: 'CAT_DUPLICATE_CODE',
          path,
          message: { zh: `指标 ${ind.code} 重复`, en: `Duplicate indicator ${ind.code}` },
        });
      seen.add(ind.code);
      if (!findIndicator(catalogue, ind.code))
        problems.push({
          code: 'CAT_UNKNOWN_INDICATOR',
          path,
          message: { zh: `指标 ${ind.code} 不在目录中`, en: `Indicator ${ind.code} is not in the catalogue` },
        });
    });
  });
  return seen;
}

/**
 * Checks an index definition as a catalogue is checked: schema, duplicate indicators or dimensions,
 * indicators the catalogue does not know, reference weights for indicators outside the index.
 * Every problem at once, with its JSON path.
 */
export function checkIndexDefinition(
  doc: unknown,
  catalogue: Catalogue = sunanCatalogue(),
): IndexDefinitionResult {
  const parsed = IndexDefinition.safeParse(doc);
  if (!parsed.success)
    return {
      ok: false,
      definition: undefined,
      problems: parsed.error.issues.map((i) => ({
        code: 'CAT_SCHEMA',
        path: i.path.reduce<string>(
          (p, k) => (typeof k === 'number' ? `${p}[${k}]` : `${p}.${String(k)}`),
          '$',
        ),
        message: { zh: `格式不符：${i.message}`, en: `Invalid: ${i.message}` },
      })),
    };
  const problems: CatalogueProblem[] = [];
  const seen = dimensionProblems(parsed.data, catalogue, problems);
  parsed.data.referenceWeights.forEach((w, wi) => {
    for (const code of Object.keys(w.percent))
      if (!seen.has(code))
        problems.push({
          code: 'CAT_UNKNOWN_INDICATOR',
          path: `$.referenceWeights[${wi}].percent.${code}`,
          message: {
            zh: `参考权重中的 ${code} 不在指数中`,
            en: `Reference weight for ${code}, which is not in the index`,
          },
        });
  });
  return problems.length > 0
    ? { ok: false, definition: undefined, problems }
    : { ok: true, definition: parsed.data, problems: [] };
}

/** The index of seed 004: 25 indicators in five dimensions, with the paper's 2019 and 2020 weights. */
export function sunanIndexDefinition(): IndexDefinition {
  const r = checkIndexDefinition(indexDefinition);
  if (!r.ok) throw new Error(`built-in index definition is invalid: ${JSON.stringify(r.problems)}`);
  return r.definition;
}
