import { z } from 'zod';

/** Text shown to people: Chinese first (office staff read it), English beside it. */
export const LocalizedText = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();
/** A `{ zh, en }` pair. */
export type LocalizedText = z.infer<typeof LocalizedText>;
