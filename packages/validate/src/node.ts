/**
 * Node-only entry point (`@sunan/validate/node`): file-system access around the byte-based core,
 * which itself runs in browsers too.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import * as zlib from 'node:zlib';
import {
  type ValidateOptions,
  type ValidationReport,
  validateSubmission,
} from './checks/validate-submission.js';
import { finding } from './findings/build.js';
import type { FindingCode } from './findings/codes.js';
import { NO_ENTERPRISE_LOCATIONS } from './list/enterprise-locations.js';
import { collectReleased } from './node/reclaim.js';
import { DEFAULT_LIMITS } from './read/limits.js';
import { crc32 } from './read/zip/crc32.js';
import type { Inflater } from './read/zip/inflate-bounded.js';

export { collectBetweenFiles } from './node/reclaim.js';

/** glibc never serves a block above this size from its heap: it maps it, and unmaps it when freed. */
const MMAP_CEILING = 32 * 1024 * 1024;

/**
 * The output buffer for an entry of at most `maxOutput` bytes. A large one (a sheet of many rows, the
 * shared strings) is asked for above glibc's mapping ceiling. Below it, glibc raises its mapping
 * threshold to the size of each large block freed and serves the next file's blocks from its heap,
 * where freed memory stays with the process: a roll-up of five 100,000-row files then grew ~45 MiB
 * more. Pages never written are not resident, so the larger request costs no memory.
 */
function outputChunk(maxOutput: number): number {
  if (maxOutput <= 1024 * 1024) return Math.max(64, maxOutput);
  return Math.max(maxOutput, MMAP_CEILING + 1);
}

/**
 * Node's native zlib as the fast reader's inflater (several times faster than fflate in JavaScript).
 * Pass it as `inflater` to `validateSubmission`; {@link validateFile} uses it by default.
 */
export const nodeInflater: Inflater = {
  // One output chunk of the bound's size: zlib otherwise gathers 16 KiB chunks and concatenates
  // them, holding the entry twice (45 MB at the peak for a 100,000-row list).
  inflateRaw: (data, maxOutput) => {
    const maxOutputLength = Math.max(1, maxOutput);
    const exact = Math.max(64, maxOutput);
    const chunkSize = outputChunk(maxOutput);
    try {
      return zlib.inflateRawSync(data, { maxOutputLength, chunkSize });
    } catch (e) {
      // A host that refuses to promise memory it may never use (strict overcommit) fails the larger
      // request: a valid entry must not read as damaged for that, so it is inflated again as sized.
      if (chunkSize === exact) throw e;
      return zlib.inflateRawSync(data, { maxOutputLength, chunkSize: exact });
    }
  },
  // zlib.crc32 came in Node 20.15; before it, the package's own.
  crc32: typeof zlib.crc32 === 'function' ? (data, previous = 0) => zlib.crc32(data, previous) : crc32,
  released: collectReleased,
};

/** Options of {@link validateFile}; `previous` may also be a path. */
export type ValidateFileOptions = Omit<ValidateOptions, 'fileName' | 'previous'> & {
  previous?: string | ValidateOptions['previous'];
};

/** Reads bytes, turning a missing or unreadable file into a finding instead of an exception. */
export async function readInput(
  path: string,
  maxBytes = DEFAULT_LIMITS.maxFileBytes,
): Promise<{ bytes: Uint8Array } | { report: ValidationReport }> {
  const name = basename(path);
  const fail = (code: FindingCode, zh: string, en: string, value?: string): { report: ValidationReport } => ({
    report: {
      ok: false,
      file: name,
      format: undefined,
      city: undefined,
      period: undefined,
      submission: undefined,
      enterpriseLocations: NO_ENTERPRISE_LOCATIONS,
      findings: [{ ...finding(code, 'error', { zh, en }, { value }), file: name }],
      stats: { valueRows: 0, values: 0, enterpriseRows: 0, enterprises: 0, errors: 1, warnings: 0, infos: 0 },
    },
  });
  try {
    const s = await stat(path);
    if (!s.isFile()) return fail('FILE_NOT_FOUND', `不是文件：${path}`, `Not a file: ${path}`, path);
    if (s.size > maxBytes) return fail('FILE_TOO_LARGE', '文件过大', 'The file is too large', String(s.size));
    return { bytes: new Uint8Array(await readFile(path)) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? fail('FILE_NOT_FOUND', `找不到文件：${path}`, `File not found: ${path}`, path)
      : fail('FILE_UNREADABLE', `无法读取文件：${path}`, `Cannot read file: ${path}`, String(code ?? e));
  }
}

/** Validates a file on disk; see {@link validateSubmission}. The file is only read. */
export async function validateFile(
  path: string,
  options: ValidateFileOptions = {},
): Promise<ValidationReport> {
  const input = await readInput(path, options.limits?.maxFileBytes);
  if ('report' in input) return input.report;
  let previous: ValidateOptions['previous'];
  if (typeof options.previous === 'string') {
    const prev = await readInput(options.previous);
    previous = 'bytes' in prev ? prev.bytes : undefined;
  } else previous = options.previous;
  return validateSubmission(input.bytes, {
    inflater: nodeInflater,
    ...options,
    previous,
    fileName: basename(path),
  });
}
