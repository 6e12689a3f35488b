/**
 * @sunan/ledger — the centre's intake ledger: every file received, byte for byte and
 * content-addressed; revisions per city and period in ledger order; acceptance, DHIS2-style upward
 * approval and locking as append-only events chained by SHA-256; in embedded PGlite (default) or on
 * a PostgreSQL server, through one small driver interface.
 */
export {
  ARCHIVE_FORMAT,
  type ArchiveCounts,
  type ArchiveLine,
  type ExportOptions,
  exportLedger,
  importLedger,
} from './archive.js';
export { canonicalJson, sha256 } from './canonical.js';
export { type Bilingual, LEDGER_CODES, type LedgerCode, LedgerError, type Refusal } from './codes.js';
export { DbStore } from './db-store.js';
export {
  checkDecision,
  type DecisionContext,
  type DecisionInput,
  type DecisionKind,
  type DecisionOutcome,
  lockHolds,
} from './decisions.js';
export { EVENT_KIND_NAMES, kindName, subjectOf } from './describe.js';
export { type Driver, openPglite, openPostgres, type Sql } from './driver.js';
export {
  EVENT_KINDS,
  type EventKind,
  eventHash,
  type FileData,
  GENESIS,
  type LedgerEvent,
} from './events.js';
export {
  type IntakeInput,
  type IntakeOutcome,
  Ledger,
  type OpenOptions,
  type PeriodStatus,
  type UnassignedFile,
} from './ledger.js';
export {
  acquireDirLock,
  busyMessage,
  DEFAULT_LOCK_WAIT_MS,
  LedgerBusyError,
  type LockOptions,
  type LockOwner,
  ownerIsDead,
  parseOwner,
  thisOwner,
} from './lock.js';
export { MIGRATIONS, type Migration, migrate } from './migrations.js';
export { networkFileSystem } from './open.js';
export { type Placement, placeFile } from './place.js';
export { type RefusedData, type RefusedIntake, recordRefusedIntake } from './refused.js';
export { acceptedInputs, type CitedRevision, type LedgerRollUp, rollUpInputs } from './roll-up.js';
export {
  type Cell,
  type CellState,
  cellsOf,
  type Decision,
  foldPeriod,
  type PeriodFold,
  periodsOf,
  type Revision,
} from './state.js';
export { type BlobStore, FileStore } from './store.js';
export {
  isLocked,
  LOCK_MOVES,
  LOCK_TABLE,
  type LockMove,
  type LockOutcome,
  type LockPhase,
  MOVES,
  type Move,
  moveLock,
  movePhase,
  type Outcome,
  PHASE_TABLE,
  type Phase,
  ZONE_TABLE,
  type ZoneMove,
  type ZonePhase,
} from './transitions.js';
export {
  checkChain,
  type VerifyOptions,
  type VerifyProblem,
  type VerifyResult,
  verifyLedger,
} from './verify.js';
