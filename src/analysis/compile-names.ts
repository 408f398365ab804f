/**
 * The value of a name: a literal number, `undefined`, or what a binding holds (a spec or resource reference,
 * a constant, an alias of another expression), with the refusal for names that hold no CEL value.
 */
import type { Node } from '@babel/types';
import { E } from '../ir/expr.js';
import { T, type CelType } from '../ir/types.js';
import type { Binding, Scope } from './scope.js';
import { mentionsReferences } from './mentions.js';
import { syntaxError } from './errors.js';
import { nullValue, plain, undefinedValue, type Compiler, type Typed } from './typed.js';
import { builtinRefusal } from './builtin-calls.js';

/** JavaScript integers are CEL ints unless a double is expected; other numbers are doubles. */
export function numberLiteral(value: number, expect?: CelType): Typed {
  const isInt = Number.isSafeInteger(value) && expect?.kind !== 'double';
  return isInt ? plain(E.int(value), T.int) : plain(E.double(value), T.double);
}

export function identifier(name: string, node: Node, scope: Scope, compiler: Compiler, expect?: CelType): Typed {
  if (name === 'undefined') return undefinedValue;
  return bound(name, scope.lookup(name, node), node, scope, compiler, expect);
}

/** The value of a name (`x`, or `H.x` of a namespace import) through its binding. */
export function bound(name: string, binding: Binding | undefined, node: Node, scope: Scope, compiler: Compiler, expect?: CelType): Typed {
  if (!binding) {
    if (name in globalThis) throw builtinRefusal(name, node);
    throw syntaxError(node, `\`${name}\` is not known to the compiler (only the spec, resources and loop variables are)`, 'pass the value through the spec, use a literal, or write Cel.expr(...)');
  }
  switch (binding.kind) {
    case 'value':
      return plain(binding.expr, binding.type);
    case 'alias':
      return compiler.value(binding.node, binding.scope, expect);
    case 'resources': {
      const resource = binding.resource(binding.value);
      if (resource) return plain(resource.expr, resource.type);
      throw syntaxError(node, `\`${name}\` holds several resources; read one of them`, 'e.g. `.resource(kind, name)` of a YAML file, or a field of one resource');
    }
    case 'function':
      throw syntaxError(node, `\`${name}\` is a function; a function is not a value CEL can hold`, 'call it, or compute the value in the expression');
    case 'opaque':
      throw syntaxError(
        node,
        mentionsReferences(node, scope) ? `${binding.why}, and its value depends on a reference` : `${binding.why}; its value is not known to the compiler`,
        binding.hint ?? 'compute the value in one expression (a ternary) and bind it with const',
      );
    case 'unsupported':
      throw syntaxError(node, binding.why, binding.hint);
    case 'cel':
      throw syntaxError(node, '`Cel` is the namespace of the CEL escape hatches, not a value', 'call one of them: Cel.expr(...), Cel.cond(...), Cel.template(...), Cel.has(...)');
    case 'module':
      if (binding.asValue) throw syntaxError(node, binding.asValue.why, binding.asValue.hint);
      if (binding.value) throw syntaxError(node, `\`${name}\` is a TypeScript enum, an object CEL cannot hold`, `read one of its members (\`${name}.${Object.keys(binding.value).find((key) => !/^\d/.test(key)) ?? 'member'}\`)`);
      throw syntaxError(node, `\`${name}\` is the namespace of ${binding.file}; a module is not a value CEL can hold`, `read or call one of its exports (\`${name}.name\`)`);
    case 'constant':
      break;
  }
  const value = binding.value;
  if (value === null) return nullValue;
  if (typeof value === 'string') return plain(E.str(value), T.string);
  if (typeof value === 'boolean') return plain(E.bool(value), T.bool);
  return numberLiteral(value);
}
