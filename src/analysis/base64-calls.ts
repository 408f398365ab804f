/**
 * Base64 for a Secret's `data` (trial 10 R11). `Buffer.from(text).toString('base64')` encodes the text's
 * UTF-8 bytes with the padded standard alphabet: exactly cel-go's `base64.encode(bytes(text))` (ext.Encoders,
 * in KRO's environment and our engine). `btoa(text)` encodes each character as one byte (Latin-1) and
 * throws beyond U+00FF, where CEL's `bytes()` is UTF-8 (`btoa('é')` is `6Q==`, CEL `w6k=`): refused, with
 * the Buffer form as the way out. Other encodings and decoding (`Buffer.from(s, 'base64')`: JavaScript skips
 * characters CEL's decoder rejects) have no exact CEL form.
 */
import { ASCII, textType } from './text-alphabet.js';
import type { Node } from '@babel/types';
import { E } from '../ir/expr.js';
import { T } from '../ir/types.js';
import { unwrap } from './ast.js';
import { syntaxError } from './errors.js';
import { refuseAbsentSpecData } from './absent-spec.js';
import type { Call } from './call-arguments.js';
import type { Scope } from './scope.js';
import { plain, stringify, type Compiler, type Typed } from './typed.js';

const WAY_OUT = "encode with `Buffer.from(String(text)).toString('base64')` (UTF-8, KRO's `base64.encode(bytes(text))`; `String(...)` hands Node a reference as text), or put the text in a Secret's `stringData`";
const UTF8 = new Set(['utf8', 'utf-8']);

/** `Buffer.from(text).toString('base64')` as `base64.encode(bytes(text))`; any other use of `Buffer` refused; undefined for other calls. */
export function bufferCall(node: Call, scope: Scope, c: Compiler): Typed | undefined {
  const callee = unwrap(node.callee);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return undefined;
  const from = unwrap(callee.object);
  if (isBuffer(from, scope)) throw syntaxError(node, `\`Buffer.${callee.property.name}(...)\` makes a Node.js Buffer, which CEL cannot hold`, WAY_OUT);
  if (from.type !== 'CallExpression' || !isBufferFrom(from.callee as Node, scope)) return undefined;
  if (callee.property.name !== 'toString') throw syntaxError(node, `\`Buffer.from(...).${callee.property.name}(...)\` has no CEL form`, WAY_OUT);
  const [encoding, ...rest] = node.arguments;
  if (rest.length > 0 || encoding?.type !== 'StringLiteral' || encoding.value !== 'base64') {
    throw syntaxError(node, "only `.toString('base64')` of a Buffer has a CEL form (KRO's base64.encode: padded, standard alphabet; no hex, no base64url)", WAY_OUT);
  }
  const [text, sourceEncoding, ...more] = from.arguments;
  if (!text || more.length > 0 || (sourceEncoding && !(sourceEncoding.type === 'StringLiteral' && UTF8.has(sourceEncoding.value.toLowerCase())))) {
    throw syntaxError(from, "only `Buffer.from(text)` of text as UTF-8 has a CEL form (`bytes(text)`); decoding (`Buffer.from(s, 'base64')`) is stricter in CEL, where JavaScript skips characters outside the alphabet", WAY_OUT);
  }
  const t = c.value(text as Node, scope);
  if (t.type.kind !== 'string') throw syntaxError(text, '`Buffer.from(...)` of a value that is not text: JavaScript reads an array as bytes and throws for a number', `${WAY_OUT}; convert with String(...) first`);
  refuseAbsentSpecData(t, text as Node, scope, 'text');
  // base64 text is ASCII (text-alphabet.ts): its case mapping and positions are exact.
  return plain(E.call('base64.encode', [E.call('bytes', [stringify(t, text as Node)])]), textType(ASCII));
}

/** `btoa(...)`/`atob(...)`: Latin-1 in JavaScript, UTF-8 in CEL. */
export function latin1Call(node: Node, name: string): Error | undefined {
  if (name === 'btoa') return syntaxError(node, "`btoa(text)` encodes each character as one byte (Latin-1) and throws beyond U+00FF; CEL's `base64.encode(bytes(text))` encodes UTF-8 (`btoa('é')` is `6Q==`, CEL `w6k=`)", WAY_OUT);
  if (name === 'atob') return syntaxError(node, "`atob(text)` decodes to one character per byte (Latin-1) and skips spaces; CEL's `string(base64.decode(text))` decodes UTF-8 and rejects them", "keep the decoded text in the spec, or write Cel.expr('string(base64.decode(', text, '))')");
  return undefined;
}

function isBufferFrom(node: Node, scope: Scope): boolean {
  const callee = unwrap(node);
  return callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && callee.property.name === 'from' && isBuffer(unwrap(callee.object), scope);
}

function isBuffer(node: Node, scope: Scope): boolean {
  return node.type === 'Identifier' && node.name === 'Buffer' && !scope.lookup('Buffer', node);
}
