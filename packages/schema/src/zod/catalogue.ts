import { z } from 'zod';
import { DEFAULT_CALENDAR } from '../period.js';
import { SubmissionCalendar } from './period.js';
import { LocalizedText } from './text.js';

/** The header fields of a catalogue document. */
export const CatalogueHeader = z
  .object({
    id: z.string().min(1),
    version: z.string().min(1),
    name: LocalizedText,
    calendar: SubmissionCalendar.default({ ...DEFAULT_CALENDAR }),
  })
  .strict();
