/**
 * The canonical text of a quantity lives in `util/quantity.ts`: the runtime predicts what the cluster stores
 * with the same rules (offline render's and plan's stand-ins, engine/stored-quantities.ts).
 */
export { canonicalQuantity, type QuantityField } from '../../../util/quantity.js';
