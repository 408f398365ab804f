// Offline render with Jest: the manifests and the RGD for a spec, in milliseconds, no cluster.
import { describe, expect, it } from '@jest/globals';
import { assertGolden, assertMatches, findManifest, findManifests, findResource, render } from 'typekro/testing';
import { webapp } from '../webapp.js';

const spec = { name: 'shop', image: 'nginx:1.27', replicas: 3, expose: false, regions: ['eu', 'us'] };

describe('webapp, rendered', () => {
  it('renders the Deployment from the spec', () => {
    assertMatches(findManifest(render(webapp, spec), 'deployment'), {
      metadata: { name: 'shop', namespace: 'default' },
      spec: { replicas: 3, template: { spec: { containers: [{ image: 'nginx:1.27' }] } } },
    });
  });

  it('creates the Service only when exposed', () => {
    expect(findResource(render(webapp, spec), 'service').state).toBe('skipped');
    assertMatches(findManifest(render(webapp, { ...spec, expose: true }), { kind: 'Service', name: 'shop' }), { spec: { ports: [{ port: 80 }] } });
  });

  it('renders one ConfigMap per region', () => {
    expect(findManifests(render(webapp, spec), 'regionConfig').map((m) => m.data)).toEqual([{ region: 'eu' }, { region: 'us' }]);
  });

  it('compiles to the committed RGD (UPDATE_GOLDEN=1 rewrites it, refused under CI)', () => {
    assertGolden(new URL('../webapp.rgd.yaml', import.meta.url), webapp);
  });
});
