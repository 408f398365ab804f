/**
 * Which calls in a composition function create resources. The run asks this of every call it finds in the
 * source (calls JavaScript skipped, calls in local functions, reads through an inline call), so it is
 * decided from the source alone: the callee's name, or what the name was imported as or initialised by.
 */
import type { Node } from '@babel/types';
import { unwrap } from '../analysis/ast.js';
import { typekroImportName } from '../analysis/modules.js';
import { isInitialisedByCall } from '../analysis/named-function.js';
import { isFactoryName } from '../model/factory.js';

/** A call that creates resources: a factory, or a nested composition declared in the user's sources. */
export function isFactoryCall(call: Node): boolean {
  if (isFactoryName(calleeName(call))) return true;
  const callee = call.type === 'CallExpression' ? unwrap(call.callee) : undefined;
  const file = call.loc?.filename;
  if (callee?.type !== 'Identifier' || file === undefined) return false;
  // A factory imported under another name (`import { Deployment as Pod }`) creates resources as well.
  return isFactoryName(typekroImportName(file, callee.name)) || isInitialisedByCall(file, callee.name, COMPOSITION_DEFINERS);
}

// Both make a composition a composition function may call as a nested one (`cache({ ... })`).
const COMPOSITION_DEFINERS: ReadonlySet<string> = new Set(['kubernetesComposition', 'toResourceGraph']);

function calleeName(call: Node): string | undefined {
  if (call.type !== 'CallExpression' && call.type !== 'OptionalCallExpression') return undefined;
  const callee = call.callee;
  if (callee.type === 'Identifier') return callee.name;
  if ((callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && callee.property.type === 'Identifier') {
    return callee.property.name;
  }
  return undefined;
}
