/** Why the fast reader declined a file (SheetJS then reads it). */
export class Decline extends Error {}

/** Stops the fast reader: the file is read by SheetJS instead. */
export function decline(why: string): never {
  throw new Decline(why);
}
