/**
 * Whether a read is a `Cel.template` argument (after the format): as written, through a local or a
 * parameter of a local function; what read-context.ts `templateUseAt` answers for bytes fields.
 */
import type { Node } from '@babel/types';
import { walk } from './ast.js';
import { type Member, type Tree, enclosingBlock, isReference, unwrapped } from './read-tree.js';

/**
 * Whether the value read is a `Cel.template` argument (after the format), where the compiled CEL takes a
 * bytes field (a Secret's `data` entry) as bytes and `string(...)` decodes them, while every JavaScript use
 * of the read is of its base64 text (analysis/typed.ts `asJavaScriptText`):
 * - `cel`: it is, written as the argument or through a local that is used only so;
 * - `javascript`: it is not;
 * - `both`: a local holding it is used both ways, so no one JavaScript value means what each use compiles to.
 */
export type TemplateUse = 'cel' | 'javascript' | 'both';

/** The {@link TemplateUse} of a member read: as written, or through the `const` it initialises. */
export function templateUseOf(member: Member, tree: Tree): TemplateUse {
  const { child, parent } = unwrapped(member, tree);
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' && parent.init === child) return bindingTemplateUse(parent.id, tree);
  const parameter = parent && parameterFor(child, parent, tree);
  if (parameter) return bindingTemplateUse(parameter, tree);
  return parent !== undefined && isTemplateArgument(child, parent) ? 'cel' : 'javascript';
}

type Identifier = Extract<Node, { type: 'Identifier' }>;

/** The {@link TemplateUse} of a local or parameter declared at `declared`, from its references in its scope. */
export function bindingTemplateUse(declared: Identifier, tree: Tree): TemplateUse {
  const holder = tree.parents.get(declared);
  const scope = holder && isFunction(holder) ? holder : enclosingBlock(declared, tree);
  if (!scope) return 'javascript';
  const uses = new Set<boolean>();
  walk(scope, (node, up) => {
    if (node.type !== 'Identifier' || node.name !== declared.name || node === declared || !up || !isReference(node, up)) return;
    const at = unwrapped(node, tree);
    uses.add(at.parent !== undefined && isTemplateArgument(at.child, at.parent));
  });
  if (uses.size === 2) return 'both';
  return uses.has(true) ? 'cel' : 'javascript';
}

function isFunction(node: Node): node is Extract<Node, { type: 'FunctionDeclaration' | 'FunctionExpression' | 'ArrowFunctionExpression' }> {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

/**
 * The parameter that `child`, an argument of a call of a local function (`decode(secret.data.pw)` with
 * `const decode = (x) => Cel.template('%s', x)`), is bound to; the compiled run passes the reference on, so
 * what the function does with it is what the read is used for.
 */
function parameterFor(child: Node, call: Node, tree: Tree): Identifier | undefined {
  if ((call.type !== 'CallExpression' && call.type !== 'OptionalCallExpression') || call.callee.type !== 'Identifier') return undefined;
  const index = call.arguments.indexOf(child as (typeof call.arguments)[number]);
  const fn = index < 0 ? undefined : localFunction(call.callee.name, call, tree);
  const parameter = fn?.params[index];
  return parameter?.type === 'Identifier' ? parameter : undefined;
}

/** The function a local named `name` visible at `from` is declared as (`function f() {}` or `const f = () => ...`). */
function localFunction(name: string, from: Node, tree: Tree): Extract<Node, { type: 'FunctionDeclaration' | 'FunctionExpression' | 'ArrowFunctionExpression' }> | undefined {
  for (let scope = enclosingBlock(from, tree); scope; scope = enclosingBlock(scope, tree)) {
    let found: ReturnType<typeof localFunction>;
    walk(scope, (node) => {
      if (found) return false;
      if (node.type === 'FunctionDeclaration' && node.id?.name === name) found = node;
      else if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.id.name === name && node.init && isFunction(node.init)) found = node.init;
      return undefined;
    });
    if (found) return found;
  }
  return undefined;
}

/** An argument after the format of `Cel.template(format, ...args)`. */
export function isTemplateArgument(child: Node, parent: Node): boolean {
  if (parent.type !== 'CallExpression' && parent.type !== 'OptionalCallExpression') return false;
  const callee = parent.callee;
  const isTemplate = (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && !callee.computed && callee.object.type === 'Identifier' && callee.object.name === 'Cel' && callee.property.type === 'Identifier' && callee.property.name === 'template';
  return isTemplate && parent.arguments.indexOf(child as (typeof parent.arguments)[number]) >= 1;
}
