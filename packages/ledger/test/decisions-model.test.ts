import { acceptedInputs, type Ledger } from '@sunan/ledger';
import { CITIES, catalogue } from '@sunan/testkit';
import { type ValidationReport, validateSubmission } from '@sunan/validate';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BACKENDS, Backend } from './helpers/backends.js';
import { jsonSubmission } from './helpers/files.js';

// Model-based test of the decisions: random sequences of intake / accept / reject / approve /
// unapprove / lock / unlock (a city's unlock under the zone's lock is its exception) run against the
// real ledger and against the small reference model below, written from the rules in plain terms
// (not from the tables in transitions.ts). After every step the two must agree on each city's state,
// accepted revision, forced mark, approval and lock, the zone's approval and lock, whether the step
// was refused, and the revision the roll-up uses.

const RUNS = Number(process.env.SUNAN_MODEL_RUNS ?? (process.env.CI === 'true' ? 300 : 60));
const ZONE = 'SUNAN';
const by = 'model';

type Unit = string;
type Cmd =
  | { op: 'intake'; city: string; errors: boolean }
  | { op: 'accept'; city: string; revision: number | undefined; force: boolean }
  | { op: 'reject'; city: string; revision: number | undefined }
  | { op: 'approve' | 'unapprove' | 'lock' | 'unlock'; unit: Unit }
  | { op: 'approve-all' };

// ——— the reference model ———

interface MCity {
  errors: boolean[];
  accepted: number | null;
  forced: boolean;
  approved: boolean;
  rejected: number | null;
  ownLock: boolean;
  reopened: boolean;
}
interface MPeriod {
  cities: Map<string, MCity>;
  zoneApproved: boolean;
  zoneLocked: boolean;
}

const fresh = (): MPeriod => ({
  cities: new Map(
    CITIES.map((c) => [
      c,
      {
        errors: [],
        accepted: null,
        forced: false,
        approved: false,
        rejected: null,
        ownLock: false,
        reopened: false,
      },
    ]),
  ),
  zoneApproved: false,
  zoneLocked: false,
});

const lockedIn = (m: MPeriod, c: MCity) => c.ownLock || (m.zoneLocked && !c.reopened);

/** Applies a primitive command to the model; false when the ledger must refuse it. */
function model(m: MPeriod, cmd: Exclude<Cmd, { op: 'approve-all' }>): boolean {
  const unit = 'unit' in cmd ? cmd.unit : cmd.city;
  if (unit === ZONE) return zoneModel(m, cmd.op);
  const c = m.cities.get(unit) as MCity;
  const dropApproval = () => {
    if (c.approved) m.zoneApproved = false;
    c.approved = false;
  };
  switch (cmd.op) {
    case 'intake':
      if (lockedIn(m, c)) return false;
      c.errors.push(cmd.errors);
      return true;
    case 'accept': {
      if (lockedIn(m, c) || c.errors.length === 0) return false;
      const r = cmd.revision ?? c.errors.length;
      if (r > c.errors.length || c.accepted === r) return false;
      const hasErrors = c.errors[r - 1] === true;
      if (hasErrors && !cmd.force) return false;
      dropApproval();
      c.accepted = r;
      c.forced = hasErrors;
      return true;
    }
    case 'reject': {
      if (lockedIn(m, c) || c.errors.length === 0) return false;
      const r = cmd.revision ?? c.errors.length;
      if (r > c.errors.length) return false;
      if (c.accepted === r) {
        dropApproval();
        c.accepted = null;
        c.forced = false;
      }
      c.rejected = r;
      return true;
    }
    case 'approve':
      if (lockedIn(m, c) || c.accepted === null || c.approved) return false;
      c.approved = true;
      return true;
    case 'unapprove':
      if (lockedIn(m, c) || !c.approved) return false;
      dropApproval();
      return true;
    case 'lock':
      if (lockedIn(m, c)) return false;
      c.ownLock = true;
      c.reopened = false;
      return true;
    case 'unlock':
      if (!lockedIn(m, c)) return false;
      c.ownLock = false;
      c.reopened = m.zoneLocked;
      return true;
  }
}

function zoneModel(m: MPeriod, op: Cmd['op']): boolean {
  switch (op) {
    case 'approve':
      if (m.zoneLocked || m.zoneApproved || [...m.cities.values()].some((c) => !c.approved)) return false;
      m.zoneApproved = true;
      return true;
    case 'unapprove':
      if (m.zoneLocked || !m.zoneApproved) return false;
      m.zoneApproved = false;
      return true;
    case 'lock':
    case 'unlock':
      if (m.zoneLocked === (op === 'lock')) return false;
      m.zoneLocked = op === 'lock';
      for (const c of m.cities.values()) c.reopened = false;
      return true;
    default:
      throw new Error(`not a zone command: ${op}`);
  }
}

function expected(m: MPeriod) {
  const cities = [...m.cities].map(([city, c]) => {
    const latest = c.errors.length;
    const state =
      latest === 0
        ? 'not-received'
        : c.approved
          ? 'approved'
          : c.accepted === latest
            ? 'accepted'
            : c.rejected === latest
              ? 'rejected'
              : 'received';
    return {
      city,
      state,
      accepted: c.accepted,
      forced: c.forced,
      approved: c.approved,
      locked: lockedIn(m, c),
    };
  });
  return { cities, zoneApproved: m.zoneApproved, zoneLocked: m.zoneLocked };
}

// ——— the real ledger ———

const reports = new Map<string, ValidationReport>();

/** A validated report per city and kind, reused with the run's period (the ledger, not the validator, is under test). */
function reportFor(city: string, errors: boolean, period: string, bytes: Uint8Array): ValidationReport {
  const key = `${city}/${errors}`;
  let r = reports.get(key);
  if (!r) {
    r = validateSubmission(bytes, { fileName: `${city}.json`, catalogue });
    reports.set(key, r);
  }
  return { ...r, period, file: `${city}-${period}.json` };
}

/** Whether the file an intake step hands in has error findings. */
function hasErrors(city: string, errors: boolean, period: string): boolean {
  return reportFor(city, errors, period, bytesFor(city, period, 0, errors)).stats.errors > 0;
}

function bytesFor(city: string, period: string, n: number, errors: boolean): Uint8Array {
  if (!errors) return jsonSubmission(city, period, n);
  const s = JSON.parse(new TextDecoder().decode(jsonSubmission(city, period, n))) as {
    values: Array<{ value: unknown }>;
  };
  s.values[1] = { ...s.values[1], value: 'not a number' };
  return new TextEncoder().encode(JSON.stringify(s));
}

async function real(ledger: Ledger, period: string, cmd: Exclude<Cmd, { op: 'approve-all' }>, n: number) {
  const reason = 'r';
  switch (cmd.op) {
    case 'intake': {
      const bytes = bytesFor(cmd.city, period, n, cmd.errors);
      const o = await ledger.intake({
        bytes,
        fileName: `${cmd.city}-${period}.json`,
        by,
        report: reportFor(cmd.city, cmd.errors, period, bytes),
      });
      if (o.ok && o.kind !== 'received') throw new Error(`unexpected ${o.kind}`);
      return o.ok;
    }
    case 'accept': {
      const d = { city: cmd.city, period, by, ...(cmd.revision ? { revision: cmd.revision } : {}) };
      return (await ledger.accept(cmd.force ? { ...d, force: true, reason: 'forced' } : d)).ok;
    }
    case 'reject':
      return (
        await ledger.reject({
          city: cmd.city,
          period,
          by,
          reason,
          ...(cmd.revision ? { revision: cmd.revision } : {}),
        })
      ).ok;
    case 'approve':
    case 'unapprove':
    case 'lock':
    case 'unlock':
      return (await ledger[cmd.op]({ city: cmd.unit, period, by, reason })).ok;
  }
}

async function observed(ledger: Ledger, period: string) {
  const s = await ledger.status(period);
  const cities = s.cities.map((c) => ({
    city: c.city,
    state: c.state,
    accepted: c.accepted?.revision ?? null,
    forced: c.accepted?.forced === true,
    approved: c.approved !== undefined,
    locked: c.lock === 'city' || c.lock === 'zone' || c.lock === 'city+zone',
  }));
  const rollUp = (await acceptedInputs(ledger, period)).cited.map((c) => [c.city, c.revision]);
  return {
    status: { cities, zoneApproved: s.zoneApproved, zoneLocked: s.zone.locked !== undefined },
    rollUp,
  };
}

const primitive = (cmds: readonly Cmd[]): Array<Exclude<Cmd, { op: 'approve-all' }>> =>
  cmds.flatMap((c) =>
    c.op === 'approve-all'
      ? CITIES.flatMap((city) => [
          { op: 'intake' as const, city, errors: false },
          { op: 'accept' as const, city, revision: undefined, force: false },
          { op: 'approve' as const, unit: city },
        ])
      : [c],
  );

// Two cities most of the time, so a run reaches deep states; all five now and then, and the zone.
const city = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(CITIES[0] as string, CITIES[1] as string) },
  { weight: 1, arbitrary: fc.constantFrom(...CITIES) },
);
const unit = fc.oneof({ weight: 3, arbitrary: city }, { weight: 1, arbitrary: fc.constant(ZONE) });
const revision = fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined, freq: 2 });
const command: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('intake' as const), city, errors: fc.boolean() }) },
  {
    weight: 4,
    arbitrary: fc.record({ op: fc.constant('accept' as const), city, revision, force: fc.boolean() }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('reject' as const), city, revision }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('approve' as const), unit }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('unapprove' as const), unit }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('lock' as const), unit }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('unlock' as const), unit }) },
  { weight: 1, arbitrary: fc.constant({ op: 'approve-all' as const }) },
);

describe.each(BACKENDS)('decisions against the reference model on %s', (name) => {
  let backend: Backend | undefined;
  let ledger: Ledger | undefined;
  let year = 2014;
  beforeAll(async () => {
    backend = await Backend.start(name);
  }, 120_000);
  afterAll(async () => {
    await ledger?.close();
    backend?.stop();
  });

  /** A fresh period for each run; one ledger serves many runs, a new one when the years run out. */
  async function nextPeriod(): Promise<{ ledger: Ledger; period: string }> {
    if (!ledger || year >= 2199) {
      await ledger?.close();
      ledger = await (backend as Backend).fresh();
      year = 2014;
    }
    year++;
    return { ledger, period: String(year) };
  }

  test(`status and roll-up agree with the model after every step (${RUNS} runs)`, async (ctx) => {
    if (!backend) return ctx.skip();
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 12 }), async (cmds) => {
        const { ledger: l, period } = await nextPeriod();
        const m = fresh();
        let n = 0;
        for (const cmd of primitive(cmds)) {
          n++;
          // Whether a file has errors is the validator's word (a clean synthetic city can have some).
          const fact =
            cmd.op === 'intake' ? { ...cmd, errors: hasErrors(cmd.city, cmd.errors, period) } : cmd;
          const want = model(m, fact);
          const got = await real(l, period, cmd, n);
          const step = `${period} step ${n}: ${JSON.stringify(cmd)}`;
          expect(got, `${step} ok`).toBe(want);
          const o = await observed(l, period);
          const e = expected(m);
          expect(o.status, step).toEqual(e);
          const used = e.cities.filter((c) => c.accepted !== null).map((c) => [c.city, c.accepted]);
          expect(o.rollUp, `${step} roll-up`).toEqual(used);
        }
      }),
      { numRuns: RUNS, endOnFailure: process.env.CI !== 'true' },
    );
  }, 600_000);
});
