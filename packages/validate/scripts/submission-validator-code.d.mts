/** The ajv options @sunan/validate always used for JSON submissions. */
export const AJV_OPTIONS: { allErrors: boolean; strict: boolean };
/** The ES module text of a standalone validator for `schema` that imports nothing. */
export function submissionValidatorCode(schema: Record<string, unknown>): string;
