import { parseArgs } from 'node:util';
import type { Bilingual, DecisionInput, DecisionOutcome, Ledger, LedgerEvent } from '@sunan/ledger';
import { beijingTime } from '@sunan/schema';
import { HELP } from '../help.js';
import { EXIT, type Io, UsageError } from '../io.js';
import { jsonText } from '../json.js';
import { formatOf, langOf } from '../lang.js';
import { actorOf, LEDGER_OPTIONS, say, unitOf, withLedger } from './ledger-common.js';

type Verb = 'accept' | 'reject' | 'approve' | 'lock' | 'unlock';

const DONE: Record<Verb, { zh: string; en: string }> = {
  accept: { zh: '已受理', en: 'accepted' },
  reject: { zh: '已退回', en: 'rejected' },
  approve: { zh: '已审核', en: 'approved' },
  lock: { zh: '已锁定', en: 'locked' },
  unlock: { zh: '已解锁', en: 'unlocked' },
};

function act(ledger: Ledger, verb: Verb, d: DecisionInput): Promise<DecisionOutcome> {
  switch (verb) {
    case 'accept':
      return ledger.accept(d);
    case 'reject':
      return ledger.reject(d);
    case 'approve':
      return ledger.approve(d);
    case 'lock':
      return ledger.lock(d);
    case 'unlock':
      return ledger.unlock(d);
    default: {
      const never: never = verb;
      throw new Error(String(never));
    }
  }
}

/** `sunan accept | reject | approve | lock | unlock`: one new event each; nothing changes in place. */
export function decisionCommand(verb: Verb) {
  return async (args: string[], io: Io): Promise<number> => {
    const { values } = parseArgs({
      args,
      strict: true,
      options: {
        ...LEDGER_OPTIONS,
        city: { type: 'string', multiple: true },
        period: { type: 'string' },
        revision: { type: 'string' },
        reason: { type: 'string' },
      },
    });
    if (values.help) {
      io.stdout.write(HELP[verb] ?? '');
      return EXIT.ok;
    }
    const lang = langOf(values.lang);
    const format = formatOf(values.format);
    if (!values.period) throw new UsageError('需要 --period', '--period is required');
    const zoneAllowed = verb === 'approve' || verb === 'lock' || verb === 'unlock';
    // Lock and unlock without --city act on the whole period; the others must name a unit.
    if (values.city === undefined && (verb === 'accept' || verb === 'reject' || verb === 'approve'))
      throw new UsageError(
        '需要 --city（审核全区用 --city SUNAN）',
        '--city is required (the zone: --city SUNAN)',
      );
    const cities = (values.city ?? [undefined]).map((c) => unitOf(c, zoneAllowed));
    let revision: number | undefined;
    if (values.revision !== undefined) {
      revision = Number(values.revision);
      if (!Number.isInteger(revision) || revision < 1)
        throw new UsageError(
          `--revision 应为正整数：${values.revision}`,
          `--revision must be a positive integer: ${values.revision}`,
        );
    }
    const by = actorOf(values.by, io);
    return withLedger(values, io, async (ledger) => {
      const outcomes: DecisionOutcome[] = [];
      // One event per city, in the order given (several --city for one decision on many).
      for (const city of cities) {
        const outcome = await act(ledger, verb, {
          city,
          period: values.period as string,
          by,
          ...(revision !== undefined ? { revision } : {}),
          ...(values.reason !== undefined ? { reason: values.reason } : {}),
        });
        outcomes.push(outcome);
        if (format === 'json') continue;
        if (outcome.ok) io.stdout.write(doneLine(verb, ledger.nameOf(city), outcome.event, lang));
        else io.stderr.write(`${outcome.code}: ${say(outcome.message, lang)}\n`);
      }
      if (format === 'json') io.stdout.write(jsonText(cities.length === 1 ? outcomes[0] : outcomes));
      return outcomes.every((o) => o.ok) ? EXIT.ok : EXIT.findings;
    });
  };
}

function doneLine(verb: Verb, name: Bilingual, e: LedgerEvent, lang: 'zh' | 'en'): string {
  return lang === 'zh'
    ? `${DONE[verb].zh}：${name.zh} ${e.period}${e.revision ? ` 第 ${e.revision} 版` : ''}（事件 #${e.seq}，${e.actor}，${beijingTime(e.at)}）\n`
    : `${DONE[verb].en}: ${name.en} ${e.period}${e.revision ? ` revision ${e.revision}` : ''} (event #${e.seq}, ${e.actor}, ${beijingTime(e.at, 'en')})\n`;
}
