/** Escapes text for HTML. */
export const esc = (s: string | number | null | undefined): string =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** One colour per city, the same in every chart. */
export const COLORS = ['#2f5597', '#c55a11', '#548235', '#7030a0', '#bf9000', '#2e75b6', '#a5a5a5'];
