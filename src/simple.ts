/**
 * Simple factories: the common resources in a few fields.
 *
 * @example
 * import { Deployment, Service } from 'typekro/simple';
 * Deployment({ name: 'web', image: 'nginx', replicas: 2 });
 */
export * from './model/simple/index.js';
