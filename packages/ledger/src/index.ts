/** @sunan/ledger — placeholder; see issue 13. */
export const LEDGER_PLACEHOLDER = true;
