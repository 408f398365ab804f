export { CycleError, Dag, DuplicateNodeError, UnknownNodeError } from './dag.js';
