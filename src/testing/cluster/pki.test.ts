import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runOk } from './go.js';
import { createPki } from './pki.js';
import { freePorts, portInUse } from './ports.js';

describe('cluster PKI and ports', () => {
  const dir = mkdtempSync(join(tmpdir(), 'typekro-pki-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('issues an admin certificate for system:masters that serves 127.0.0.1', async () => {
    const pki = await createPki(join(dir, 'pki'), 't');
    assert.match(await runOk('openssl', ['verify', '-CAfile', pki.caCert, pki.adminCert]), /OK/);
    const text = await runOk('openssl', ['x509', '-in', pki.adminCert, '-noout', '-subject', '-ext', 'subjectAltName,extendedKeyUsage']);
    assert.match(text, /O\s*=\s*system:masters/);
    assert.match(text, /IP Address:127\.0\.0\.1/);
    assert.match(text, /TLS Web Server Authentication, TLS Web Client Authentication/);
  });

  it('hands out distinct free loopback ports', async () => {
    const ports = await freePorts(7);
    assert.equal(new Set(ports).size, 7);
    for (const p of ports) assert.equal(await portInUse(p), false);
  });
});
