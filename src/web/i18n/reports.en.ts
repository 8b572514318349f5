import type { reportsVi } from './reports.vi.ts';

export const reportsEn: typeof reportsVi = {};
