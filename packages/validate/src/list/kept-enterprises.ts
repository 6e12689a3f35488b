import type { EnterpriseRow } from '@sunan/schema/core';
import type { EnterpriseList } from './enterprise-list.js';
import { Column, type EnterpriseRows, TextPlaces } from './enterprise-rows.js';
import { PackedTexts } from './packed-texts.js';

/**
 * A listed enterprise with its optional fields present only when known, each shape built whole: a
 * field added after the object is made moves the object to slower storage and costs an extra
 * allocation per row (100,000 rows in a large list).
 */
function enterpriseRow(
  creditCode: string,
  name: string,
  park: string | null,
  certificateNo: string | undefined,
  certifiedYear: number | undefined,
): EnterpriseRow {
  if (certificateNo !== undefined)
    return certifiedYear !== undefined
      ? { creditCode, name, park, certificateNo, certifiedYear }
      : { creditCode, name, park, certificateNo };
  return certifiedYear !== undefined ? { creditCode, name, park, certifiedYear } : { creditCode, name, park };
}

/** No park (the enterprise is outside the city's parks). */
const NO_PARK = -1;
/** No certification year (none given, or a warning said it was invalid). */
const NO_YEAR = 0;

/**
 * The rows of a list that passed the checks, kept as what the checks decided about each — its row, its
 * normalised code, its park, its year — beside the rows as read, the numbers in typed arrays. An
 * enterprise becomes an {@link EnterpriseRow} only when it is read: 100,000 of them with their strings
 * cost ~20 MB of objects, and V8's young generation grew to its maximum for them.
 */
export class KeptEnterprises implements EnterpriseList {
  private readonly rowOf: Int32Array;
  private readonly parkOf: Int32Array;
  private readonly yearOf: Int32Array;
  /**
   * The codes as the checks normalised them. Kept as strings: the duplicate check holds every code
   * until the checks end anyway, and the roll-up reads them all (decoding them again cost it more
   * than validating).
   */
  private readonly codes = new Column<string>();
  /**
   * The names, read while the checks run and kept packed: the roll-up keeps them all (this object,
   * without the rest), and reading them there made it cost more than validating.
   */
  readonly names = new PackedTexts();
  /** The parks' codes, each once (a city has a handful). */
  private readonly parks = new TextPlaces(Number.POSITIVE_INFINITY);
  private count = 0;

  constructor(private readonly rows: EnterpriseRows) {
    this.rowOf = new Int32Array(rows.length);
    this.parkOf = new Int32Array(rows.length);
    this.yearOf = new Int32Array(rows.length);
  }

  get length(): number {
    return this.count;
  }

  /** Keeps row `i` with the code, name, park and year the checks gave it. */
  add(i: number, code: string, name: string, park: string | null, year: number | undefined): void {
    const k = this.count++;
    this.rowOf[k] = i;
    this.codes.push(code);
    this.names.push(name);
    this.parkOf[k] = park === null ? NO_PARK : this.parks.place(park);
    this.yearOf[k] = year ?? NO_YEAR;
  }

  row(k: number): EnterpriseRow {
    const i = this.rowIndex(k);
    const park = this.parkOf[k] as number;
    const year = this.yearOf[k] as number;
    return enterpriseRow(
      this.codes.get(k) as string,
      this.names.at(k),
      park === NO_PARK ? null : this.parks.text(park),
      this.rows.text(i, 'certificateNo'),
      year === NO_YEAR ? undefined : year,
    );
  }

  creditCode(k: number): string {
    return this.codes.get(this.within(k)) as string;
  }

  name(k: number): string {
    return this.names.at(this.within(k));
  }

  private rowIndex(k: number): number {
    return this.rowOf[this.within(k)] as number;
  }

  /** `k` when the list has an enterprise `k`; reading past the end is the caller's error. */
  private within(k: number): number {
    if (!(k >= 0 && k < this.count)) throw new RangeError(`no enterprise ${k} of ${this.count}`);
    return k;
  }
}
