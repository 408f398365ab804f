export * from './workloads.js';
export * from './network.js';
