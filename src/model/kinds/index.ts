export * from './workloads.js';
export * from './core.js';
export * from './networking.js';
export * from './storage.js';
export * from './rbac.js';
export * from './policy.js';
export * from './admission.js';
export type { KindFactory } from './define.js';
