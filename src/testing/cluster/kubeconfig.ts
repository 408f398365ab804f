import { writeFileSync } from 'node:fs';
import { toYaml } from '../../api/yaml.js';
import { pemData, type Pki } from './pki.js';

/**
 * Writes a self-contained admin kubeconfig (certificates embedded) so the file can be copied or used after
 * the PKI files move. Context and cluster are named after the cluster so several can be merged.
 */
export function writeKubeconfig(path: string, name: string, server: string, pki: Pki): void {
  const id = `typekro-${name}`;
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: id, cluster: { server, 'certificate-authority-data': pemData(pki.caCert) } }],
    users: [{ name: `${id}-admin`, user: { 'client-certificate-data': pemData(pki.adminCert), 'client-key-data': pemData(pki.adminKey) } }],
    contexts: [{ name: id, context: { cluster: id, user: `${id}-admin` } }],
    'current-context': id,
  };
  writeFileSync(path, toYaml(config), { mode: 0o600 });
}
