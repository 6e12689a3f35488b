import pkg from '../package.json' with { type: 'json' };

/** The version of the `sunan` command, as published. */
export const VERSION: string = pkg.version;
