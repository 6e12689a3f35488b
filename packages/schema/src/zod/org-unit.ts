import { z } from 'zod';
import { OrgLevel } from './org-level.js';
import { LocalizedText } from './text.js';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written yyyy-MM-dd');

/**
 * A reporting unit: the province, the zone, a city (GB/T 2260 code) or a park. Validity dates make
 * the registry change with data: a park approved in a later year gets a later `validFrom`.
 */
export const OrgUnit = z
  .object({
    code: z.string().regex(/^[0-9A-Z][0-9A-Z_-]*$/, 'ASCII capitals, digits, _ and -'),
    level: OrgLevel,
    parent: z.string().optional(),
    name: LocalizedText,
    /** Other spellings accepted on input: short names, pinyin, full official names. */
    aliases: z.array(z.string()).default([]),
    validFrom: IsoDate,
    validTo: IsoDate.optional(),
  })
  .strict();
/** A reporting unit. */
export type OrgUnit = z.infer<typeof OrgUnit>;
