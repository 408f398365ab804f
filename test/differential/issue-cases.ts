/**
 * The failing examples of issue 10 ("Sound compilation"): JavaScript operators on placeholders that the
 * compiler does not see at the factory call, so the graph holds a constant or a bare reference where
 * JavaScript computes a value from the spec or the observed object.
 */
import { type } from 'arktype';
import type { V1ConfigMap } from '@kubernetes/client-node';
import { kubernetesComposition, yamlFile } from '../../src/index.js';
import { ConfigMap, Deployment } from '../../src/simple.js';
import type { CaseInput } from './harness.js';

const prodSpec = type({ prod: 'boolean', replicas: 'number.integer = 2' });
const imageStatus = type({ image: 'string' });

/** An options object built before the factory call: the ternary ran on a placeholder. */
const optionsBefore = kubernetesComposition(
  { name: 'issue-options-before', apiVersion: 'issues.typekro.dev/v1alpha1', kind: 'OptionsBefore', spec: prodSpec, status: imageStatus },
  (spec) => {
    const options = { name: 'web', image: spec.prod ? 'nginx:1.27' : 'nginx:1.27-debug', replicas: spec.replicas };
    const web = Deployment(options);
    return { image: web.spec.template.spec.containers[0]!.image };
  },
);

/** A helper function builds the arguments from the spec. */
function webOptions(spec: { prod: boolean; replicas: number }): { name: string; image: string; replicas: number } {
  return { name: 'web', image: spec.prod ? 'nginx:1.27' : 'nginx:1.27-debug', replicas: spec.replicas };
}
const helper = kubernetesComposition(
  { name: 'issue-helper', apiVersion: 'issues.typekro.dev/v1alpha1', kind: 'Helper', spec: prodSpec, status: imageStatus },
  (spec) => {
    const web = Deployment(webOptions(spec as unknown as { prod: boolean; replicas: number }));
    return { image: web.spec.template.spec.containers[0]!.image };
  },
);

/** A spec field destructured into a local before use. */
const destructured = kubernetesComposition(
  { name: 'issue-destructured', apiVersion: 'issues.typekro.dev/v1alpha1', kind: 'Destructured', spec: prodSpec, status: imageStatus },
  (spec) => {
    const { prod, replicas } = spec;
    const image = prod ? 'nginx:1.27' : 'nginx:1.27-debug';
    const web = Deployment({ name: 'web', image, replicas });
    return { image: web.spec.template.spec.containers[0]!.image };
  },
);

/** An options object spread into the call. */
const spread = kubernetesComposition(
  { name: 'issue-spread', apiVersion: 'issues.typekro.dev/v1alpha1', kind: 'Spread', spec: prodSpec, status: imageStatus },
  (spec) => {
    const base = { image: spec.prod ? 'nginx:1.27' : 'nginx:1.27-debug', replicas: spec.prod ? 3 : 1 };
    const web = Deployment({ name: 'web', ...base });
    return { image: web.spec.template.spec.containers[0]!.image };
  },
);

/** `??` on a field of a YAML manifest's handle: a reference is never nullish, so the default is dropped. */
const yamlDefault = kubernetesComposition(
  { name: 'issue-yaml-default', apiVersion: 'issues.typekro.dev/v1alpha1', kind: 'YamlDefault', spec: type({ name: 'string' }), status: type({ tier: 'string' }) },
  (spec) => {
    const files = yamlFile('../fixtures/manifests/app/base.yaml');
    const settings = files.resource<V1ConfigMap>('ConfigMap', 'app-settings');
    const derived = ConfigMap({ name: `${spec.name}-derived`, data: { tier: settings.data.tier ?? 'standard' } });
    return { tier: derived.data.tier! };
  },
);

export const issueCases: Readonly<Record<string, CaseInput>> = {
  'issue-options-before': { composition: optionsBefore as never, spec: { prod: true } },
  'issue-helper': { composition: helper as never, spec: { prod: true } },
  'issue-destructured': { composition: destructured as never, spec: { prod: true } },
  'issue-spread': { composition: spread as never, spec: { prod: true } },
  'issue-yaml-default': { composition: yamlDefault as never, spec: { name: 'shop' } },
};
