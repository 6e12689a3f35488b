import { parseArgs } from 'node:util';
import type { Bilingual, DecisionKind, DecisionOutcome, Ledger, LedgerEvent } from '@sunan/ledger';
import { beijingTime } from '@sunan/schema';
import { HELP } from '../help.js';
import { EXIT, type Io, UsageError } from '../io.js';
import { jsonText } from '../json.js';
import { formatOf, type Lang, langOf } from '../lang.js';
import { actorOf, LEDGER_OPTIONS, say, unitsOf, withLedger } from './ledger-common.js';

type Verb = 'accept' | 'reject' | 'approve' | 'unapprove' | 'lock' | 'unlock';

const KIND: Record<Verb, DecisionKind> = {
  accept: 'accepted',
  reject: 'rejected',
  approve: 'approved',
  unapprove: 'unapproved',
  lock: 'locked',
  unlock: 'unlocked',
};

const DONE: Record<Verb, Bilingual> = {
  accept: { zh: '已受理', en: 'accepted' },
  reject: { zh: '已退回', en: 'rejected' },
  approve: { zh: '已审核', en: 'approved' },
  unapprove: { zh: '已撤销审核', en: 'approval withdrawn' },
  lock: { zh: '已锁定', en: 'locked' },
  unlock: { zh: '已解锁', en: 'unlocked' },
};

/** Each decision's own options: `lock --help` offers no `--revision`, and `lock --revision` is refused. */
const OPTIONS = {
  accept: {
    city: { type: 'string', multiple: true },
    revision: { type: 'string' },
    force: { type: 'boolean' },
    reason: { type: 'string' },
  },
  reject: {
    city: { type: 'string', multiple: true },
    revision: { type: 'string' },
    reason: { type: 'string' },
  },
  approve: { city: { type: 'string', multiple: true }, 'all-accepted': { type: 'boolean' } },
  unapprove: { city: { type: 'string', multiple: true }, reason: { type: 'string' } },
  lock: { city: { type: 'string', multiple: true }, reason: { type: 'string' } },
  unlock: { city: { type: 'string', multiple: true }, reason: { type: 'string' } },
} as const;

/** Which verbs take `--city all` and comma lists (one event per city). */
const BATCH: Record<Verb, boolean> = {
  accept: true,
  reject: false,
  approve: true,
  unapprove: false,
  lock: true,
  unlock: false,
};

interface Parsed {
  period: string;
  cities: readonly string[] | 'all' | 'all-accepted';
  revision?: number;
  reason?: string;
  force: boolean;
}

function parse(verb: Verb, values: Record<string, string | boolean | string[] | undefined>): Parsed {
  if (typeof values.period !== 'string') throw new UsageError('需要 --period', '--period is required');
  const zoneAllowed = verb === 'approve' || verb === 'unapprove' || verb === 'lock' || verb === 'unlock';
  const given = values.city as string[] | undefined;
  let cities: Parsed['cities'];
  if (values['all-accepted'] === true) {
    if (given)
      throw new UsageError(
        '--all-accepted 不能与 --city 同用',
        '--all-accepted and --city exclude each other',
      );
    cities = 'all-accepted';
  } else if (given === undefined) {
    // Lock and unlock without --city act on the whole period; the others must name a unit.
    if (verb !== 'lock' && verb !== 'unlock')
      throw new UsageError(
        verb === 'approve'
          ? '需要 --city（审核全区用 --city SUNAN；所有已受理的城市用 --all-accepted）'
          : '需要 --city（撤销全区审核用 --city SUNAN）',
        verb === 'approve'
          ? '--city is required (the zone: --city SUNAN; every accepted city: --all-accepted)'
          : '--city is required (the zone: --city SUNAN)',
      );
    cities = ['SUNAN'];
  } else {
    const units = unitsOf(given, zoneAllowed, BATCH[verb]);
    cities = units;
  }
  let revision: number | undefined;
  if (typeof values.revision === 'string') {
    revision = Number(values.revision);
    if (!Number.isInteger(revision) || revision < 1)
      throw new UsageError(
        `--revision 应为正整数：${values.revision}`,
        `--revision must be a positive integer: ${values.revision}`,
      );
  }
  if (values.force === true && !(typeof values.reason === 'string' && values.reason.trim()))
    throw new UsageError(
      '--force 需要同时给出 --reason（为何受理含错误的版本）',
      '--force needs --reason (why a revision with errors is accepted)',
    );
  return {
    period: values.period,
    cities,
    ...(revision !== undefined ? { revision } : {}),
    ...(typeof values.reason === 'string' ? { reason: values.reason } : {}),
    force: values.force === true,
  };
}

/** The cities a batch names: every city of the period, or those accepted and not yet approved. */
async function targets(ledger: Ledger, p: Parsed): Promise<string[]> {
  if (p.cities !== 'all' && p.cities !== 'all-accepted') return [...p.cities];
  const cities = ledger.citiesIn(p.period);
  if (!cities) throw new UsageError(`报告期无效：${p.period}`, `Not a valid period: ${p.period}`);
  if (p.cities === 'all') return cities;
  const status = await ledger.status(p.period);
  return status.cities.filter((c) => c.phase === 'accepted').map((c) => c.city);
}

/** `sunan accept | reject | approve | unapprove | lock | unlock`: one new event per city; nothing changes in place. */
export function decisionCommand(verb: Verb) {
  return async (args: string[], io: Io): Promise<number> => {
    const { values } = parseArgs({
      args,
      strict: true,
      options: { ...LEDGER_OPTIONS, period: { type: 'string' }, ...OPTIONS[verb] },
    });
    if (values.help) {
      io.stdout.write(HELP[verb] ?? '');
      return EXIT.ok;
    }
    const lang = langOf(values.lang);
    const format = formatOf(values.format);
    const parsed = parse(verb, values as Record<string, string | boolean | string[] | undefined>);
    const by = actorOf(values.by, io);
    return withLedger(values, io, async (ledger) => {
      const cities = await targets(ledger, parsed);
      if (cities.length === 0)
        io.stderr.write(
          lang === 'zh'
            ? `${parsed.period} 没有已受理未审核的城市\n`
            : `No city of ${parsed.period} is accepted and awaiting approval\n`,
        );
      const outcomes: DecisionOutcome[] = [];
      for (const city of cities) {
        const outcome = await ledger.decide(KIND[verb], {
          city,
          period: parsed.period,
          by,
          ...(parsed.revision !== undefined ? { revision: parsed.revision } : {}),
          ...(parsed.reason !== undefined ? { reason: parsed.reason } : {}),
          ...(parsed.force ? { force: true } : {}),
        });
        outcomes.push(outcome);
        if (format === 'json') continue;
        if (outcome.ok) io.stdout.write(doneText(verb, ledger.nameOf(city), outcome, lang));
        else io.stderr.write(`✗ ${outcome.code}: ${say(outcome.message, lang)}\n`);
      }
      if (format === 'json') io.stdout.write(jsonText(cities.length === 1 ? outcomes[0] : outcomes));
      return outcomes.every((o) => o.ok) ? EXIT.ok : EXIT.findings;
    });
  };
}

function doneText(
  verb: Verb,
  name: Bilingual,
  o: Extract<DecisionOutcome, { ok: true }>,
  lang: Lang,
): string {
  const e: LedgerEvent = o.event;
  const head =
    lang === 'zh'
      ? `${DONE[verb].zh}：${name.zh} ${e.period}${e.revision ? ` 第 ${e.revision} 版` : ''}${e.data.forced ? '（强制受理，含错误）' : ''}（事件 #${e.seq}，${e.actor}，${beijingTime(e.at)}）`
      : `${DONE[verb].en}: ${name.en} ${e.period}${e.revision ? ` revision ${e.revision}` : ''}${e.data.forced ? ' (forced, has errors)' : ''} (event #${e.seq}, ${e.actor}, ${beijingTime(e.at, 'en')})`;
  return `${[head, ...o.notes.map((n) => `  ! ${say(n, lang)}`)].join('\n')}\n`;
}
