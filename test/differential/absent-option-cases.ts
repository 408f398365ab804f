/**
 * Factory options JavaScript may leave `undefined` (trial R2, `replicas: spec.c ? 3 : undefined`): the
 * factory decides what `undefined` means, so each compiles to the option where it is set and the factory's
 * own answer elsewhere: its default (`Job`'s `restartPolicy ?? 'OnFailure'` gives `c ? "Never" : "OnFailure"`) or the field left out
 * (`c ? 3 : omit()`, which KRO and the direct runtime both remove). Refusals are in
 * test/composition/absent-options.test.ts; the cluster test is test/cluster/absent-options.cluster.test.ts. Bare
 * reads of spec data that may be absent (`replicas: spec.replicas`) are absent-read-cases.ts.
 */
import { type } from 'arktype';
import { configMap, deployment, kubernetesComposition } from '../../src/index.js';
import { Deployment, Job, Service } from '../../src/simple.js';
import type { CaseInput } from './harness.js';
import { absentReadCases } from './absent-read-cases.js';

const definition = {
  apiVersion: 'absent.typekro.dev/v1alpha1',
  spec: type({ name: 'string', c: 'boolean', r: 'number.integer', 'o?': 'string' }),
  status: type({ name: 'string' }),
};

/** `Job` keeps its default (`restartPolicy ?? 'OnFailure'`); `Deployment`'s replicas and image are passed on as they are, so they are left out. */
export const simpleDefaults = kubernetesComposition({ ...definition, name: 'absent-simple', kind: 'AbsentSimple' }, (spec) => {
  Deployment({ id: 'web', name: `${spec.name}-web`, image: 'nginx', replicas: spec.c ? 3 : undefined });
  Deployment({ id: 'both', name: `${spec.name}-both`, image: (spec.r > 2 ? 'nginx' : undefined) as string, replicas: spec.r > 4 ? 2 : undefined });
  Job({ id: 'job', name: `${spec.name}-job`, image: 'busybox', restartPolicy: spec.c ? 'Never' : undefined });
  Service({ id: 'svc', name: `${spec.name}-svc`, selector: { app: 'web' }, ports: [{ port: 80, targetPort: spec.c ? 8080 : undefined }] });
  return { name: spec.name };
});

/** A plain manifest factory passes the option on as it is: JavaScript leaves the field out, as `omit()` does. */
export const rawOmitted = kubernetesComposition({ ...definition, name: 'absent-raw', kind: 'AbsentRaw' }, (spec) => {
  configMap({ metadata: { name: `${spec.name}-cm` }, data: { a: 'x', b: (spec.c ? spec.name : undefined) as string }, immutable: spec.r > 2 ? true : undefined });
  const labels = { app: 'raw' };
  deployment({
    metadata: { name: `${spec.name}-raw` },
    spec: {
      replicas: spec.r > 4 ? 5 : spec.c ? 3 : undefined,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'nginx', imagePullPolicy: spec.o === 'always' ? 'Always' : undefined }] } },
    },
  });
  return { name: spec.name };
});

export const absentOptionCases: Readonly<Record<string, CaseInput>> = {
  'absent-simple': { composition: simpleDefaults as never, spec: { name: 'a', c: true, r: 1 } },
  'absent-simple-large': { composition: simpleDefaults as never, spec: { name: 'b', c: false, r: 5 } },
  'absent-raw': { composition: rawOmitted as never, spec: { name: 'a', c: true, r: 1, o: 'always' } },
  'absent-raw-large': { composition: rawOmitted as never, spec: { name: 'b', c: false, r: 5 } },
  // A bare read of spec data the instance may leave out is the same case (`replicas: spec.replicas`).
  ...absentReadCases,
};
