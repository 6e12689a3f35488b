// Globals ExcelJS's Node sources expect, for the page's worker (injected by esbuild).
import { Buffer } from 'buffer';

export { Buffer };
export const process = {
  browser: true,
  env: {},
  version: '',
  versions: {},
  nextTick: (fn, ...args) => queueMicrotask(() => fn(...args)),
};
