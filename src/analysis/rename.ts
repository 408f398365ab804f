/** Renames free occurrences of an identifier in an Expr (used to pick collision-free lambda variables). */
import { E, exprChildren, macroVariables, type Expr } from '../ir/expr.js';

export function renameIdent(expr: Expr, from: string, to: string): Expr {
  const go = (e: Expr): Expr => renameIdent(e, from, to);
  switch (expr.kind) {
    case 'ident':
      return expr.name === from ? E.ident(to) : expr;
    case 'literal':
    case 'raw':
      return expr;
    case 'select':
      return E.select(go(expr.target), expr.field, expr.optional);
    case 'index':
      return E.index(go(expr.target), go(expr.index), expr.optional);
    case 'call':
      return E.call(expr.fn, expr.args.map(go), expr.target && go(expr.target));
    case 'unary':
      return E.unary(expr.op, go(expr.operand));
    case 'binary':
      return E.binary(expr.op, go(expr.left), go(expr.right));
    case 'conditional':
      return E.cond(go(expr.test), go(expr.then), go(expr.otherwise));
    case 'list':
      return E.list(expr.items.map(go));
    case 'map':
      return E.map(expr.entries.map((entry) => ({ key: go(entry.key), value: go(entry.value) })));
    case 'macro':
      // An inner macro binding the same name shadows it.
      return E.macro(expr.macro, go(expr.target), expr.variable, macroVariables(expr).includes(from) ? expr.body : go(expr.body), expr.index);
    case 'template':
      return E.template(expr.parts.map((part) => (typeof part === 'string' ? part : go(part))));
  }
}

/** Every identifier in an Expr, free or bound by a macro, and every macro variable (the names a new variable must avoid). */
export function identifierNames(expr: Expr, names = new Set<string>()): Set<string> {
  if (expr.kind === 'ident') names.add(expr.name);
  else if (expr.kind === 'raw') for (const ref of expr.refs) names.add(ref);
  else if (expr.kind === 'macro') for (const name of macroVariables(expr)) names.add(name);
  for (const child of exprChildren(expr)) identifierNames(child, names);
  return names;
}
