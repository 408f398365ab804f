/**
 * A generated factory checks its literal values against the kind's structural schema when the composition is
 * defined (as the API server would when applying), and leaves references and expressions to the cluster.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type } from 'arktype';
import { Cel, crdFactory, kubernetesComposition, TypeKroError, type CrdSchema } from 'typekro';

const schema: CrdSchema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      required: ['secretName'],
      properties: {
        secretName: { type: 'string' },
        grantTypes: { type: 'array', items: { type: 'string', enum: ['client_credentials', 'authorization_code'] } },
        replicas: { type: 'integer' },
        port: { 'x-kubernetes-int-or-string': true },
        enabled: { type: 'boolean' },
        extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { known: { type: 'string' } } },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        backends: { type: 'array', items: { type: 'object', required: ['servicePort'], properties: { serviceName: { type: 'string' }, servicePort: { 'x-kubernetes-int-or-string': true } } } },
      },
    },
    status: { type: 'object', properties: { ready: { type: 'boolean' } } },
  },
};
const client = crdFactory<{ spec: Record<string, unknown>; status?: { ready?: boolean } }>({ group: 'example.com', version: 'v1', kind: 'Client', plural: 'clients', scope: 'Namespaced', factoryName: 'client', schema });

type Made = ReturnType<typeof client>;

const thisFile = fileURLToPath(import.meta.url);

/** The line of the caller's caller in this file, as the stack (source-mapped by tsx) gives it. */
function callerLine(): number {
  const frames = (new Error().stack ?? '').split('\n').filter((line) => line.includes(thisFile));
  return Number(/:(\d+):\d+\)?$/.exec(frames[2] ?? '')?.[1]);
}

/**
 * The message of the error defining a composition that makes this resource throws, or undefined. The message
 * starts with the factory call's file:line (the line defineWith is called on): checked here, then cut off.
 */
function defineWith(make: (input: { n: string; p: number }) => Made): string | undefined {
  const line = callerLine();
  try {
    kubernetesComposition({ name: 'vals', kind: 'Vals', spec: type({ n: 'string', p: 'number.integer' }), status: type({ ready: 'boolean' }) }, (input) => {
      const made = make(input);
      return { ready: made.status.ready };
    });
    return undefined;
  } catch (error) {
    assert.ok(error instanceof TypeKroError);
    assert.equal(error.code, 'DEFINITION_INVALID');
    const at = `${thisFile}:${line}:`;
    assert.ok(error.message.startsWith(at), `${error.message} should start with ${at}`);
    return error.message.slice(at.length).replace(/^\d+: /, '');
  }
}

describe('generated factories check literal values at definition', () => {
  it('rejects a value outside the enum, naming the kind, the object, the path and the allowed values', () => {
    assert.equal(defineWith(() => client({ name: 'c', spec: { secretName: 's', grantTypes: ['client_credentials', 'password'] } })), 'Client "c": spec.grantTypes[1] must be one of client_credentials, authorization_code (was "password")');
  });

  it('rejects a missing required field of a present object, also inside arrays', () => {
    assert.equal(defineWith(() => client({ name: 'c', spec: { backends: [{ serviceName: 'web' }] } })), 'Client "c": spec.secretName is required; spec.backends[0].servicePort is required');
  });

  it('rejects a value of the wrong type', () => {
    assert.equal(defineWith(() => client({ name: 'c', spec: { secretName: 's', replicas: 1.5, enabled: 'yes' } })), 'Client "c": spec.replicas must be an integer (was 1.5); spec.enabled must be a boolean (was "yes")');
  });

  it('rejects an unknown field with the closest known one', () => {
    assert.equal(defineWith(() => client({ name: 'c', spec: { secretName: 's', replica: 2 } })), 'Client "c": spec.replica is not a field of spec; did you mean spec.replicas?');
    assert.equal(defineWith(() => client({ name: 'c', specc: {} } as never)), 'Client "c": specc is not a top-level field; did you mean spec?');
  });

  it('accepts an integer or a string for int-or-string, and nothing else', () => {
    assert.equal(defineWith(() => client({ name: 'c', spec: { secretName: 's', port: 80 } })), undefined);
    assert.equal(defineWith(() => client({ name: 'c', spec: { secretName: 's', port: 'http' } })), undefined);
    assert.equal(defineWith(() => client({ name: 'c', spec: { secretName: 's', port: true } })), 'Client "c": spec.port must be an integer or a string (was true)');
  });

  it('takes any field where unknown fields are preserved, and checks additionalProperties values', () => {
    assert.equal(defineWith(() => client({ name: 'c', spec: { secretName: 's', extra: { anything: [1, { deep: true }] }, labels: { a: 'b' } } })), undefined);
    assert.equal(defineWith(() => client({ name: 'c', spec: { secretName: 's', extra: { known: 3 } } })), 'Client "c": spec.extra.known must be a string (was 3)');
    assert.equal(defineWith(() => client({ name: 'c', spec: { secretName: 's', labels: { 'app.kubernetes.io/name': 7 } } })), 'Client "c": spec.labels["app.kubernetes.io/name"] must be a string (was 7)');
  });

  it('skips references and expressions: their values are only known on the cluster', () => {
    assert.equal(defineWith((input) => client({ name: input.n, spec: { secretName: input.n, replicas: input.p, grantTypes: [input.n, `${input.n}-x`], enabled: Cel.expr<boolean>('true') } })), undefined);
  });

  it('lists every problem at once and clips long values', () => {
    const message = defineWith(() => client({ name: 'c', spec: { secretName: 'x'.repeat(500), grantTypes: ['y'.repeat(500)], replicas: 'z' } })) ?? '';
    assert.equal(message, `Client "c": spec.grantTypes[0] must be one of client_credentials, authorization_code (was "${'y'.repeat(59)}…(502 characters)); spec.replicas must be an integer (was "z")`);
  });
});
