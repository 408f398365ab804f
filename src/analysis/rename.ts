/** Renames free occurrences of an identifier in an Expr (used to pick collision-free lambda variables). */
import { E, type Expr } from '../ir/expr.js';

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
      return E.macro(expr.macro, go(expr.target), expr.variable, expr.variable === from ? expr.body : go(expr.body));
    case 'template':
      return E.template(expr.parts.map((part) => (typeof part === 'string' ? part : go(part))));
  }
}
