import { z } from 'zod';

/** The levels of the reporting hierarchy, top first. */
export const OrgLevel = z.enum(['province', 'zone', 'city', 'park']);
/** A level of the reporting hierarchy. */
export type OrgLevel = z.infer<typeof OrgLevel>;
