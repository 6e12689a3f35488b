import { z } from 'zod';
import { UNITS, type UnitCode as UnitCodeType } from '../units.js';
import { DecimalString } from './decimal-string.js';

/** zod schema for a known unit code. */
export const UnitCode = z.enum(Object.keys(UNITS) as [UnitCodeType, ...UnitCodeType[]]);
/** A unit this project knows. */
export type UnitCode = UnitCodeType;

/** One accepted input unit with the factor that turns a value in it into the canonical unit. */
export const InputUnit = z.object({ unit: UnitCode, factor: DecimalString }).strict();
/** One accepted input unit and its factor to the canonical unit. */
export type InputUnit = z.infer<typeof InputUnit>;
