// Messages of the indicator catalogue, report forms and periodic reports (vi is the reference).
export const reportsVi = {};
