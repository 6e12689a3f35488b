import type { LocalizedText } from '@sunan/schema';
import type { ValidationReport } from '@sunan/validate';

/** One validated file handed to the roll-up. */
export interface SubmissionInput {
  readonly report: ValidationReport;
  /** File name shown in outputs. */
  readonly file: string;
  /** SHA-256 of the file's bytes, hex; see {@link fingerprint}. */
  readonly sha256: string;
  /**
   * When the file was submitted (ISO 8601). Of two files for one city and period, the later is used;
   * on a tie (or when absent) the one given later in the list wins.
   */
  readonly submittedAt?: string;
  /**
   * The listed enterprises' codes and names, kept compact, when `report.submission.enterprises` was emptied
   * to save memory (see {@link retainedInput}); the cross-city check reads these.
   */
  readonly listed?: ListedEnterprises;
  /**
   * How the file's name disagrees with its content (the name says another city or period), when the
   * caller checked: such a file is excluded (`AGG_NAME_MISMATCH`), never used by its content alone.
   */
  readonly nameMismatch?: LocalizedText;
}

/** Codes and names of a city's listed enterprises, by index. */
export interface ListedEnterprises {
  readonly length: number;
  creditCode(i: number): string;
  name(i: number): string;
}

/** SHA-256 of bytes as lowercase hex (Web Crypto: the same in Node and browsers). */
export async function fingerprint(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes.slice().buffer as ArrayBuffer);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
