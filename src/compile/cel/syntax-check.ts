/**
 * A small recursive-descent recogniser for CEL's grammar (cel-spec `CEL.g4`, plus optional `.?f` / `[?i]`).
 * Graph validation parses hand-written CEL (`Cel.expr`, readyWhen strings) with it when a composition is
 * defined, without loading a CEL engine; tests prove printed text parses. Stricter than CEL on purpose:
 * single-quoted and raw strings are refused, because KRO's `${}` scanner (pkg/graph/parser/cel.go) tracks
 * only double quotes, so a `}` or `"` inside them ends or breaks the expression.
 */
import { TypeKroError } from '../../util/errors.js';

const TOKEN = /\s*(?:(b?"(?:[^"\\\n]|\\(?:[\\"'nrtabfv?`]|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-3][0-7]{2}))*")|(\d*\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+)|(0x[0-9a-fA-F]+[uU]?|\d+[uU]?)|([A-Za-z_][A-Za-z0-9_]*)|(==|!=|<=|>=|&&|\|\||[-+*/%<>!?:.,()[\]{}]))/y;

type Kind = 'string' | 'double' | 'int' | 'ident' | 'op' | 'end';

function tokenize(text: string): { kind: Kind; text: string }[] {
  const tokens: { kind: Kind; text: string }[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (text.slice(at).trim() !== '') {
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (!m) {
      const rest = text.slice(at).trimStart();
      const quote = rest.startsWith("'") || /^[rR]?['"]/.test(rest) ? ' (write strings in double quotes, without the r prefix: KRO\'s ${} scanner mishandles the others)' : '';
      throw new TypeKroError('DEFINITION_INVALID', `CEL syntax: unexpected \`${rest.slice(0, 1)}\` at character ${text.length - rest.length + 1}${quote}`);
    }
    const kinds: Kind[] = ['string', 'double', 'int', 'ident', 'op'];
    const index = m.slice(1).findIndex((group) => group !== undefined);
    tokens.push({ kind: kinds[index] ?? 'op', text: m[index + 1] ?? '' });
    at = TOKEN.lastIndex;
  }
  tokens.push({ kind: 'end', text: '' });
  return tokens;
}

/** Throws when `text` is not a CEL expression. */
export function checkCelSyntax(text: string): void {
  const tokens = tokenize(text);
  let i = 0;
  const peek = (): string => (tokens[i]?.kind === 'end' ? '<end>' : tokens[i]?.text ?? '<end>');
  const fail = (what: string): never => {
    throw new TypeKroError('DEFINITION_INVALID', `CEL syntax: expected ${what} ${peek() === '<end>' ? 'at the end' : `before \`${peek()}\` (token ${i + 1})`} of ${text}`);
  };
  const eat = (op: string): boolean => (tokens[i]?.kind === 'op' || tokens[i]?.kind === 'ident') && tokens[i]?.text === op ? (i++, true) : false;
  const expect = (op: string): void => { if (!eat(op)) fail(`'${op}'`); };
  const list = (close: string, item: () => void): void => {
    if (eat(close)) return;
    do item(); while (eat(',') && peek() !== close);
    expect(close);
  };
  const expr = (): void => {
    or();
    if (eat('?')) { or(); expect(':'); expr(); }
  };
  const binary = (next: () => void, ops: string[]) => (): void => {
    next();
    while (ops.some((op) => eat(op))) next();
  };
  const unary = (): void => {
    if (eat('!')) { while (eat('!')); member(); return; }
    if (eat('-')) { while (eat('-')); member(); return; }
    member();
  };
  const mul = binary(unary, ['*', '/', '%']);
  const add = binary(mul, ['+', '-']);
  const rel = binary(add, ['==', '!=', '<=', '>=', '<', '>', 'in']);
  const and = binary(rel, ['&&']);
  const or = binary(and, ['||']);
  const ident = (): void => { if (tokens[i]?.kind !== 'ident' || ['true', 'false', 'null', 'in'].includes(tokens[i]?.text ?? '')) fail('identifier'); i++; };
  const primary = (): void => {
    const token = tokens[i];
    if (!token) return fail('expression');
    if (token.kind === 'string' || token.kind === 'int' || token.kind === 'double') { i++; return; }
    if (token.kind === 'ident' && ['true', 'false', 'null'].includes(token.text)) { i++; return; }
    if (token.kind === 'ident') { ident(); if (eat('(')) list(')', expr); return; }
    if (eat('(')) { expr(); expect(')'); return; }
    if (eat('[')) { list(']', () => { eat('?'); expr(); }); return; }
    if (eat('{')) { list('}', () => { eat('?'); expr(); expect(':'); expr(); }); return; }
    fail('expression');
  };
  const member = (): void => {
    primary();
    for (;;) {
      if (eat('.')) { eat('?'); ident(); if (eat('(')) list(')', expr); }
      else if (eat('[')) { eat('?'); expr(); expect(']'); }
      else return;
    }
  };
  expr();
  if (tokens[i]?.kind !== 'end') fail('end of expression');
}
