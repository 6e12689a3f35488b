/** Text and attribute values escaped for XML 1.0. */
export function xmlEscape(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

/** An element with attributes and children (already rendered lines), indented by depth. */
export function element(
  depth: number,
  name: string,
  attributes: Readonly<Record<string, string>>,
  children: readonly string[] | string,
): string {
  const pad = '  '.repeat(depth);
  const attrs = Object.entries(attributes)
    .map(([k, v]) => ` ${k}="${xmlEscape(v)}"`)
    .join('');
  if (typeof children === 'string') return `${pad}<${name}${attrs}>${xmlEscape(children)}</${name}>`;
  if (children.length === 0) return `${pad}<${name}${attrs}/>`;
  return [`${pad}<${name}${attrs}>`, ...children, `${pad}</${name}>`].join('\n');
}
