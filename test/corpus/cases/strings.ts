// String methods: toLowerCase, toUpperCase, startsWith, endsWith, includes, trim, length, replaceAll.
import { type } from 'arktype';
import { kubernetesComposition } from '../../../src/index.js';
import { ConfigMap } from '../../../src/simple.js';
import { corpusCase } from '../types.js';

const app = kubernetesComposition(
  {
    name: 'strings',
    apiVersion: 'corpus.typekro.dev/v1alpha1',
    kind: 'Strings',
    // `title` is ASCII (a pattern the API server checks): its case mapping and trim compile exactly
    spec: type({ title: /^[ -~]*$/, host: 'string' }),
    status: type({ slug: 'string', shout: 'string', secure: 'boolean', internal: 'boolean', mentionsApi: 'boolean', titleLength: 'number', trimmed: 'string' }),
  },
  (spec) => {
    ConfigMap({ name: 'strings', data: { slug: spec.title.toLowerCase().replaceAll(' ', '-') } });
    return {
      slug: spec.title.toLowerCase().replaceAll(' ', '-'),
      shout: spec.title.toUpperCase(),
      secure: spec.host.startsWith('https://'),
      internal: spec.host.endsWith('.internal'),
      mentionsApi: spec.host.includes('api'),
      titleLength: spec.title.length,
      trimmed: ` ${spec.title} `.trim(),
    };
  },
);

export default corpusCase(app, {
  covers: ['string methods', '.length on a string', 'method chains', 'string method in a factory argument'],
  spec: { title: 'Hello World', host: 'https://api.example.internal' },
  expectedStatus: { slug: 'hello-world', shout: 'HELLO WORLD', secure: true, internal: true, mentionsApi: true, titleLength: 11, trimmed: 'Hello World' },
});
