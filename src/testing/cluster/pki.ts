import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runOk } from './go.js';
import { TypeKroError } from '../../util/errors.js';

/** Files of the cluster's private PKI (PEM). */
export interface Pki {
  readonly dir: string;
  readonly caCert: string;
  readonly caKey: string;
  /** One certificate for everything, as kwokctl does: apiserver serving cert and system:masters client cert. */
  readonly adminCert: string;
  readonly adminKey: string;
  /** Service-account token signing key pair. */
  readonly saKey: string;
  readonly saPub: string;
}

// our own config file so the result never depends on the distribution's openssl.cnf
const CONFIG = `[req]
distinguished_name = dn
prompt = no
[dn]
CN = placeholder
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign, digitalSignature
subjectKeyIdentifier = hash
[admin]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth, clientAuth
subjectAltName = DNS:kubernetes, DNS:kubernetes.default, DNS:kubernetes.default.svc, DNS:kubernetes.default.svc.cluster.local, DNS:localhost, IP:127.0.0.1, IP:::1
authorityKeyIdentifier = keyid
`;

async function openssl(args: readonly string[]): Promise<void> {
  try {
    await runOk('openssl', args);
  } catch (error) {
    throw new TypeKroError('ENVIRONMENT', `openssl is needed for the local cluster's certificates (apt-get install openssl): ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** Elliptic-curve keys: generated in milliseconds, accepted by every component for TLS and token signing. */
function ecKey(out: string): Promise<void> {
  return openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', out]);
}

/** Where the PKI files of a cluster live (they exist once {@link createPki} has run). */
export function pkiFiles(dir: string): Pki {
  const f = (n: string): string => join(dir, n);
  return { dir, caCert: f('ca.crt'), caKey: f('ca.key'), adminCert: f('admin.crt'), adminKey: f('admin.key'), saKey: f('sa.key'), saPub: f('sa.pub') };
}

/** Generates a fresh CA, admin certificate and service-account key pair with the openssl CLI. */
export async function createPki(dir: string, name: string): Promise<Pki> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const f = (n: string): string => join(dir, n);
  const pki = pkiFiles(dir);
  writeFileSync(f('openssl.cnf'), CONFIG);
  await Promise.all([ecKey(pki.caKey), ecKey(pki.adminKey), ecKey(pki.saKey)]);
  const days = '3650';
  await openssl(['req', '-x509', '-new', '-key', pki.caKey, '-config', f('openssl.cnf'), '-extensions', 'ca',
    '-subj', `/CN=typekro-${name}-ca`, '-days', days, '-out', pki.caCert]);
  await openssl(['req', '-new', '-key', pki.adminKey, '-config', f('openssl.cnf'),
    '-subj', '/O=system:masters/CN=typekro-admin', '-out', f('admin.csr')]);
  await openssl(['x509', '-req', '-in', f('admin.csr'), '-CA', pki.caCert, '-CAkey', pki.caKey, '-set_serial', randomSerial(),
    '-days', days, '-extfile', f('openssl.cnf'), '-extensions', 'admin', '-out', pki.adminCert]);
  await openssl(['pkey', '-in', pki.saKey, '-pubout', '-out', pki.saPub]);
  return pki;
}

function randomSerial(): string {
  // positive and non-zero: the leading nibble is forced to 1
  return `0x1${randomBytes(15).toString('hex')}`;
}

/** Base64 of a PEM file, as kubeconfig `*-data` fields want it. */
export function pemData(path: string): string {
  return readFileSync(path).toString('base64');
}
