import type { Location } from '../read/parsed-file.js';

/**
 * Where each listed enterprise sits in the file, in the order of `submission.enterprises`: what a
 * cross-file finding (the same enterprise in two cities' lists) points at.
 */
export type EnterpriseLocations =
  /**
   * A sheet's list: one column, a line per enterprise; enterprise `i` is at `${column}${lines[i]}`.
   * 100,000 line numbers instead of 100,000 location objects (~7 MB) in a large city's report.
   */
  | {
      readonly kind: 'lines';
      readonly sheet: string;
      readonly column: string;
      readonly lines: readonly number[];
    }
  /** Each enterprise's own place: a JSON document's paths. */
  | { readonly kind: 'places'; readonly places: readonly Location[] };

/** No listed enterprise, or none read. */
export const NO_ENTERPRISE_LOCATIONS: EnterpriseLocations = Object.freeze({ kind: 'places', places: [] });

/**
 * Where enterprise `i` of a report's submission sits; undefined past the end. Also reads reports
 * stored by earlier versions, which held a plain array of locations.
 */
export function enterpriseLocation(
  locations: EnterpriseLocations | readonly Location[],
  i: number,
): Location | undefined {
  if (Array.isArray(locations)) return (locations as readonly Location[])[i];
  const known = locations as EnterpriseLocations;
  switch (known.kind) {
    case 'lines': {
      const line = known.lines[i];
      return line === undefined ? undefined : { sheet: known.sheet, cell: `${known.column}${line}` };
    }
    case 'places':
      return known.places[i];
    default: {
      const never: never = known;
      return never;
    }
  }
}
