import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { Pki } from './pki.js';
import { TypeKroError } from '../../util/errors.js';

export interface HttpResponse {
  readonly status: number;
  readonly body: string;
}

/** One request with a short timeout; connection errors reject (callers poll, so they just retry). */
export function request(
  url: string,
  options: { method?: string; body?: string; agent?: https.Agent; contentType?: string } = {},
): Promise<HttpResponse> {
  const target = new URL(url);
  const lib = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
    const req = lib.request(target, { method: options.method ?? 'GET', agent: options.agent, headers, timeout: 5000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new TypeKroError('TIMEOUT', `timeout: ${options.method ?? 'GET'} ${url}`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** TLS for the self-signed health endpoints of kube-controller-manager and kube-scheduler (no secrets sent). */
export const insecureAgent = new https.Agent({ rejectUnauthorized: false });

/**
 * Minimal admin client for bootstrapping (create the Node, apply CRDs, poll conditions). Plain HTTPS keeps the
 * start path free of client-library behaviour; tests use @kubernetes/client-node against the kubeconfig instead.
 */
export class AdminClient {
  private readonly agent: https.Agent;

  constructor(readonly server: string, pki: Pki) {
    this.agent = new https.Agent({
      ca: readFileSync(pki.caCert),
      cert: readFileSync(pki.adminCert),
      key: readFileSync(pki.adminKey),
      keepAlive: true,
    });
  }

  async get(path: string): Promise<HttpResponse> {
    return request(this.server + path, { agent: this.agent });
  }

  /** GET returning parsed JSON, or undefined for 404. */
  async getJson(path: string): Promise<unknown> {
    const res = await this.get(path);
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw new TypeKroError('ENVIRONMENT', `GET ${path}: ${res.status} ${res.body}`);
    return JSON.parse(res.body) as unknown;
  }

  /** Creates an object; an existing one (409) counts as success, since start may be retried. */
  async create(path: string, object: unknown): Promise<void> {
    const res = await request(this.server + path, { method: 'POST', agent: this.agent, body: JSON.stringify(object) });
    if (res.status !== 201 && res.status !== 200 && res.status !== 409) {
      throw new TypeKroError('ENVIRONMENT', `POST ${path}: ${res.status} ${res.body}`);
    }
  }

  close(): void {
    this.agent.destroy();
  }
}
