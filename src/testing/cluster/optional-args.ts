/**
 * The optional controllers of a local cluster and their flags: cert-manager (our main in tools/cert-manager,
 * self-signed and CA issuers) and external-dns (Service source, in-memory provider). Started only when asked for.
 */

/**
 * The namespace of the Secrets ClusterIssuers read (cert-manager's `--cluster-resource-namespace`); created at start.
 *
 * @example
 * import { CERT_MANAGER_NAMESPACE } from 'typekro/testing';
 * CERT_MANAGER_NAMESPACE; // => 'cert-manager'
 */
export const CERT_MANAGER_NAMESPACE = 'cert-manager';

/**
 * The DNS zone external-dns's in-memory provider holds: records for hostnames under it are stored (and logged as
 * `CREATE: <name> ...`), others are ignored.
 *
 * @example
 * import { EXTERNAL_DNS_ZONE } from 'typekro/testing';
 * EXTERNAL_DNS_ZONE; // => 'example.com'
 */
export const EXTERNAL_DNS_ZONE = 'example.com';

/** What the argument builders read of a cluster being started (structural: no import of components.ts). */
export interface OptionalArgsContext {
  readonly kubeconfig: string;
  readonly ports: { readonly certManagerHealth: number; readonly externalDnsMetrics: number };
}

export function certManagerArgs(c: OptionalArgsContext): string[] {
  return [`--kubeconfig=${c.kubeconfig}`, `--health-addr=127.0.0.1:${c.ports.certManagerHealth}`, `--cluster-resource-namespace=${CERT_MANAGER_NAMESPACE}`];
}

export function externalDnsArgs(c: OptionalArgsContext): string[] {
  return [
    `--kubeconfig=${c.kubeconfig}`,
    '--provider=inmemory',
    `--inmemory-zone=${EXTERNAL_DNS_ZONE}`,
    '--source=service',
    // v0.22's default prefix is external-dns.kubernetes.io/; typekro/external-dns (and most users) write the alpha one
    '--annotation-prefix=external-dns.alpha.kubernetes.io/',
    // nothing here gives a LoadBalancer an address: ClusterIP Services are what the tests can publish
    '--publish-internal-services',
    // react to Service changes (at most every 5 s by default) rather than only on the 1 min interval
    '--events',
    '--interval=10s',
    '--txt-owner-id=typekro-local',
    // required since v0.22: sync also deletes the records of Services that went away
    '--policy=sync',
    `--metrics-address=127.0.0.1:${c.ports.externalDnsMetrics}`,
  ];
}
