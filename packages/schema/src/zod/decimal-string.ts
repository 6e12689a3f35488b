import { z } from 'zod';

/**
 * A decimal number written as a string ("1350", "3.2", "-0.01").
 * Targets, factors and scales are kept as text so that no binary float ever rounds them.
 */
export const DecimalString = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/, 'a decimal number written as a string, e.g. "3.2"');
/** A decimal number written as a string. */
export type DecimalString = z.infer<typeof DecimalString>;
