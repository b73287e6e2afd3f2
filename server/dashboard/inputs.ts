/** Request schemas of the DX office's endpoints (the typed boundary: http/route.ts). */
import { z } from 'zod';
import { says } from '../http/input-errors.ts';

const FY = says('年度は令和の年（例：8）で指定してください。', 'fy is the Reiwa year, like 8.');

/** 令和n年度; absent: the current fiscal year. */
export const fiscalYearQuery = z.object({
  fy: z
    .string()
    .regex(/^([1-9][0-9]?)?$/u, FY)
    .optional()
    .transform((v) => (v ? Number(v) : undefined))
    .meta({ description: '令和n年度 (default: the current one)' }),
});

export const dashboardQuery = fiscalYearQuery.extend({
  department: z.string().max(100).optional(),
});

/**
 * One procedure's counter and mail filings in one month. The shape is checked here; the rules
 * (a procedure of the department, a month that has come, counts from 0) are counter-counts.ts's,
 * shared with the CSV upload, so every problem is reported at once.
 */
export const counterCountsBody = z.strictObject({
  procedureId: z.string().max(100),
  month: z.string().max(7).meta({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' }),
  counter: z.number().meta({ type: 'integer', minimum: 0 }),
  mail: z.number().meta({ type: 'integer', minimum: 0 }),
});

export const OPEN_DATA_FILES = ['catalog.csv', 'catalog.json', 'monthly.csv', 'monthly.json'] as const;

/** Any other file name is 404 NOT_FOUND, like any missing file. */
export const openDataParams = z.object({
  file: z
    .string()
    .max(64)
    .meta({ enum: [...OPEN_DATA_FILES] }),
});
