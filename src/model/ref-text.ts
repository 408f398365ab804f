/**
 * A reference inside a string JavaScript built (`${secret.data.pw}`), as CEL must write it: JavaScript reads
 * the API's JSON, where a bytes field (a Secret's `data` entry, bytes to KRO's CEL) is base64 text, so such a
 * reference is `base64.encode(...)` there (`string(...)` would decode it). Used where a marker string is
 * turned into CEL at run time (`Cel.template`, `Cel.concat`), as composition/values.ts does for manifests.
 */
import { base64Text, type Expr } from '../ir/expr.js';
import { fieldOf, type CelType } from '../ir/types.js';
import { modelType } from './kube-types.js';
import { refToExpr, type RefData } from './refs.js';

/**
 * The CEL of `ref` as text JavaScript would read.
 * @example refText(secretPasswordRef); // base64.encode(creds.data.password)
 */
export function refText(ref: RefData): Expr {
  const expr = refToExpr(ref);
  return refType(ref)?.kind === 'bytes' ? base64Text(expr) : expr;
}

/** The static type of a read of a typed resource, or `undefined` when it is not known. */
function refType(ref: RefData): CelType | undefined {
  if (ref.root.kind !== 'resource' || ref.root.resource.modelName === undefined) return undefined;
  let type = modelType(ref.root.resource.modelName);
  for (const segment of ref.path) {
    if (type === undefined) return undefined;
    type = typeof segment === 'number' ? (type.kind === 'list' ? type.item : undefined) : fieldOf(type, segment)?.type;
  }
  return type;
}
