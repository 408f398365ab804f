export * from './workloads.js';
export * from './network.js';
export { HelmChart } from './helm.js';
