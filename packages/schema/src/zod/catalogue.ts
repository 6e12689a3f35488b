import { z } from 'zod';
import { DEFAULT_CALENDAR } from '../period.js';
import { Forms } from './form.js';
import { SubmissionCalendar } from './period.js';
import { LocalizedText } from './text.js';

/** The header fields of a catalogue document. */
export const CatalogueHeader = z
  .object({
    id: z.string().min(1),
    version: z.string().min(1),
    name: LocalizedText,
    calendar: SubmissionCalendar.default({ ...DEFAULT_CALENDAR }),
    /** The forms' legal marks; left out, the zone's defaults (data/forms.json) apply. */
    forms: Forms.optional(),
  })
  .strict();
