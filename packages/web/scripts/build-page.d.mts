/** Builds the page and returns its HTML. */
export function buildPageHtml(): Promise<string>;
/** Builds the page into `outFile` (default dist/sunan-web.html) and returns where and how large. */
export function buildPage(outFile?: string): Promise<{ outFile: string; bytes: number }>;
