import { parseArgs } from 'node:util';
import type { DecisionInput, DecisionOutcome, Ledger } from '@sunan/ledger';
import { HELP } from '../help.js';
import { EXIT, type Io, UsageError } from '../io.js';
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
        city: { type: 'string' },
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
    const city = unitOf(values.city, zoneAllowed);
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
      const outcome = await act(ledger, verb, {
        city,
        period: values.period as string,
        by,
        ...(revision !== undefined ? { revision } : {}),
        ...(values.reason !== undefined ? { reason: values.reason } : {}),
      });
      if (format === 'json') io.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`);
      else if (outcome.ok) {
        const e = outcome.event;
        const name = ledger.nameOf(city);
        io.stdout.write(
          lang === 'zh'
            ? `${DONE[verb].zh}：${name.zh} ${e.period}${e.revision ? ` 第 ${e.revision} 版` : ''}（事件 #${e.seq}，${e.actor}，${e.at}）\n`
            : `${DONE[verb].en}: ${name.en} ${e.period}${e.revision ? ` revision ${e.revision}` : ''} (event #${e.seq}, ${e.actor}, ${e.at})\n`,
        );
      } else io.stderr.write(`${outcome.code}: ${say(outcome.message, lang)}\n`);
      return outcome.ok ? EXIT.ok : EXIT.findings;
    });
  };
}
