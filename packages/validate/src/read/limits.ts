/** Limits that keep a hostile or broken file from exhausting memory or time. */
export interface Limits {
  /** Largest input file accepted, in bytes. */
  readonly maxFileBytes: number;
  /**
   * Largest total decompressed size of a zip-based workbook (xlsx, ods), in bytes: checked from the
   * zip directory first, then held on the bytes actually inflated (each entry to its declared size).
   */
  readonly maxDecompressedBytes: number;
  /** Most entries in a zip-based workbook (a real xlsx has a few dozen). */
  readonly maxZipEntries: number;
  /**
   * Most findings listed per file; the rest are counted per code in one `FINDINGS_TRUNCATED`
   * finding (errors are listed first, so a file with errors always shows some).
   */
  readonly maxFindings: number;
  /** Most rows read from one sheet. */
  readonly maxRows: number;
  /** Most columns read from one sheet. */
  readonly maxColumns: number;
}

/** Defaults: generous for Suzhou's 10,000+ enterprise rows, far below what would hurt a laptop. */
export const DEFAULT_LIMITS: Limits = {
  maxFileBytes: 64 * 1024 * 1024,
  maxDecompressedBytes: 512 * 1024 * 1024,
  maxZipEntries: 10_000,
  maxFindings: 1000,
  maxRows: 250_000,
  maxColumns: 256,
};
