import type { dashboardsVi } from './dashboards.vi.ts';

export const dashboardsEn: typeof dashboardsVi = {};
