export * from './agreements.ts';
export * from './audit.ts';
export * from './system.ts';
export * from './tasks.ts';
export * from './units.ts';
export * from './users.ts';
