import { formatPeriod, type Submission } from '@sunan/schema/core';
import { EMPTY_LIST, withEnterprisesWhenRead } from '../list/enterprise-list.js';
import { TEMPLATE_VERSION } from '../read/layout.js';
import { parseInput } from '../read/parse-input.js';
import type { CheckContext } from './check-context.js';
import { checkMeta } from './check-meta.js';
import { checkValues } from './check-values.js';
import { submittedValues } from './submitted-values.js';

/**
 * The previous period's values from its bytes: read (values only, the list is never needed) and
 * checked as any file's values are, with the same catalogue, limits and reader. Undefined when the
 * file cannot be read or its city or period cannot be settled.
 */
function previousFromBytes(bytes: Uint8Array, ctx: CheckContext): Submission | undefined {
  const { catalogue, limits, options } = ctx;
  const { parsed } = parseInput(bytes, limits, options.reader, true, options.inflater);
  if (!parsed) return undefined;
  const { city, period } = checkMeta(parsed, catalogue, {});
  if (!city || !period) return undefined;
  const checked = checkValues(parsed, catalogue, city, period, limits.maxFindings);
  const submission = {
    templateVersion: parsed.meta?.templateVersion ?? TEMPLATE_VERSION,
    catalogueVersion: parsed.meta?.catalogueVersion ?? catalogue.version,
    city: city.code,
    period: formatPeriod(period),
    values: submittedValues(checked),
  };
  return withEnterprisesWhenRead(submission, EMPTY_LIST);
}

/**
 * The previous period's submission as the caller gave it — its bytes, its parsed form, or a lookup by
 * city and period — or undefined when there is none, or (bytes) it cannot be read.
 */
export function readPrevious(ctx: CheckContext): Submission | undefined {
  const given = ctx.options.previous;
  if (given instanceof Uint8Array) return previousFromBytes(given, ctx);
  if (typeof given === 'function') return given(ctx.city.code, formatPeriod(ctx.period));
  return given;
}
