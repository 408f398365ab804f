/**
 * Defining a composition that makes one resource: integration tests check that a bad literal value in a
 * generated factory's input fails here, at definition, naming the field.
 */
import { type } from 'arktype';
import { kubernetesComposition } from 'typekro';

/** A thunk defining a composition whose function calls `make` (a factory call with bad input). */
export function definingWith(make: () => unknown): () => void {
  return () => {
    kubernetesComposition({ name: 'bad-input', kind: 'BadInput', spec: type({ 'n?': 'string' }), status: type({ 'x?': 'string' }) }, () => {
      make();
      return {};
    });
  };
}
