/**
 * Text that comes from a file (cell values, sheet and file names, messages quoting them) is shown
 * in a terminal: escape sequences in it would clear the screen, forge hyperlinks (OSC 8), ring the
 * bell or rewrite earlier lines, and bidi overrides would make "1000" display as "0001". Each such
 * character is written visibly as \u{…} instead.
 */

/** C0 controls, DEL, C1 controls; bidi embeddings, overrides and isolates, LRM/RLM/ALM, line separators. */
function unsafe(cp: number): boolean {
  return (
    cp <= 0x1f ||
    (cp >= 0x7f && cp <= 0x9f) ||
    cp === 0x061c ||
    cp === 0x200e ||
    cp === 0x200f ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2066 && cp <= 0x2069)
  );
}

function escapeUnsafe(text: string, keep: (cp: number) => boolean): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    out += unsafe(cp) && !keep(cp) ? `\\u{${cp.toString(16)}}` : ch;
  }
  return out;
}

/** Escapes control and bidi characters; newlines and tabs are kept (multi-line text). */
export function safeText(text: string): string {
  return escapeUnsafe(text, (cp) => cp === 0x0a || cp === 0x09);
}

/** Escapes control and bidi characters including newlines and tabs (one line of a listing). */
export function safeLine(text: string): string {
  return escapeUnsafe(text, () => false);
}
