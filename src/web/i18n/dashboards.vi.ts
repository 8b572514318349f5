// Messages of the dashboards, roll-ups and the reporting-status matrix (vi is the reference).
export const dashboardsVi = {};
