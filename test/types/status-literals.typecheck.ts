/**
 * A status schema with literal unions: the composition function may return the literals directly or from a
 * ternary (they are not widened to string), and keys the schema does not declare stay errors.
 */
import { type } from 'arktype';
import { kubernetesComposition } from '../../src/index.js';
import { Deployment } from '../../src/simple.js';

const definition = {
  name: 'phased',
  kind: 'Phased',
  spec: type({ replicas: 'number.integer' }),
  status: type({ phase: '"Ready" | "Installing"', 'ready?': 'boolean' }),
};

kubernetesComposition(definition, () => ({ phase: 'Ready' }));

kubernetesComposition(definition, (spec) => {
  const web = Deployment({ name: 'web', image: 'nginx', replicas: spec.replicas });
  return { phase: web.status.readyReplicas >= spec.replicas ? 'Ready' : 'Installing', ready: web.status.readyReplicas > 0 };
});

kubernetesComposition(definition, (spec) => {
  const phase = spec.replicas > 0 ? 'Ready' : 'Installing';
  return { phase };
});

// @ts-expect-error: 'Done' is not one of the declared phases
kubernetesComposition(definition, () => ({ phase: 'Done' }));

// @ts-expect-error: `extra` is not a status field
kubernetesComposition(definition, () => ({ phase: 'Ready', extra: 1 }));

// Arrays and nested objects in the status are not turned into readonly tuples the schema would refuse.
kubernetesComposition(
  { name: 'lists', kind: 'Lists', spec: type({ names: 'string[]' }), status: type({ tags: 'string[]', nested: { level: '"a" | "b"', hosts: 'string[]' } }) },
  (spec) => ({ tags: ['x', 'y'], nested: { level: spec.names.length > 1 ? 'a' : 'b', hosts: spec.names } }),
);
