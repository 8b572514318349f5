export * from './agreements.ts';
export * from './audit.ts';
export * from './indicators.ts';
export * from './reports.ts';
export * from './system.ts';
export * from './tasks.ts';
export * from './units.ts';
export * from './users.ts';
