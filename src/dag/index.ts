export { CycleError, Dag } from './dag.js';
