import { z } from 'zod';
import { PENDING } from '../catalogue.js';
import { LocalizedText } from './text.js';

/**
 * The legal marks and reporting terms of one statistical form (统计法: 表号, 制定机关, 批准文号 or
 * 备案文号 and 有效期至 at the top right of every approved form). A number the centre has not
 * supplied is written {@link PENDING}, never guessed.
 */
export const FormMeta = z
  .object({
    /** 表号. */
    formNo: z.string().min(1),
    /** 表名. */
    title: LocalizedText,
    /** 制定机关. */
    authority: z.string().min(1),
    /** 批准文号 (approved survey) or 备案文号 (filed survey), and the number. */
    approval: z.object({ kind: z.enum(['批准文号', '备案文号']), number: z.string().min(1) }).strict(),
    /** 有效期至: a month or day (2027-12, 2027-12-31) or {@link PENDING}. */
    validUntil: z.union([
      z.string().regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/),
      z.literal(PENDING),
    ]),
    /** 报告期别: 年报, 季报… */
    periodicity: z.string().min(1),
    /** 报送日期 in words. */
    due: z.string().min(1),
  })
  .strict();
/** One form's legal marks and reporting terms. */
export type FormMeta = z.infer<typeof FormMeta>;

/** The zone's two forms: the indicator sheet and the enterprise list. */
export const Forms = z.object({ values: FormMeta, enterprises: FormMeta }).strict();
/** The zone's two forms. */
export type Forms = z.infer<typeof Forms>;
