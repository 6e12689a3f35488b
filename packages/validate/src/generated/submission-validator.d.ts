/** One violation, as ajv reports it. */
export interface SubmissionSchemaError {
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly keyword: string;
  readonly params: Record<string, unknown>;
  readonly message?: string;
}

/** The validator: true when `data` matches; otherwise `errors` lists every violation (allErrors). */
export interface SubmissionValidator {
  (data: unknown): boolean;
  errors?: SubmissionSchemaError[] | null;
}

/**
 * The submission JSON Schema (`@sunan/schema/submission.schema.json`) compiled by ajv ahead of time:
 * the same checks, messages and paths as `new Ajv2020({ allErrors: true, strict: false }).compile(…)`.
 */
declare const validate: SubmissionValidator;
export default validate;
export { validate };
