/** @sunan/web — placeholder; see issue 12. */
export const WEB_PLACEHOLDER = true;
