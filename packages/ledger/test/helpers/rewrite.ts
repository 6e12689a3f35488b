import { type ArchiveLine, eventHash, GENESIS, type LedgerEvent } from '@sunan/ledger';

/**
 * An archive with its event chain written anew, as someone with the ledger in hand could: one event
 * changed by `edit`, then every hash recomputed so the chain is consistent again. Only a head hash
 * published before tells the two chains apart.
 */
export function rewriteChain(archive: string, edit: (e: LedgerEvent) => LedgerEvent): string {
  let prev = GENESIS;
  return archive
    .split('\n')
    .map((text) => {
      if (text.trim() === '') return text;
      const line = JSON.parse(text) as ArchiveLine;
      if (line.type !== 'event') return text;
      const { hash: _old, ...body } = edit(line.event);
      const unhashed = { ...body, prevHash: prev };
      const event: LedgerEvent = { ...unhashed, hash: eventHash(unhashed) };
      prev = event.hash;
      return JSON.stringify({ type: 'event', event });
    })
    .join('\n');
}
