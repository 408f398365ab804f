/**
 * Kubernetes `URL` library (k8s.io/apiserver/pkg/cel/library/urls.go): `url(s)` accepts what Go's
 * `url.ParseRequestURI` accepts (an absolute URL or an absolute path, no control characters, a numeric
 * port, a host without characters that need escaping), the getters read Go's `url.Parse` fields:
 * `getScheme`, `getHost`, `getHostname`, `getPort`, `getEscapedPath`, `getQuery` (a map of value lists).
 */
import type { Environment } from '@marcbachmann/cel-js';
import { celError, registrar } from './register.js';

const URL_TYPE = 'kubernetes.URL';

export class KroUrl {
  static readonly celTypeName = URL_TYPE;
  constructor(
    readonly scheme: string,
    readonly host: string,
    readonly rawPath: string,
    readonly rawQuery: string,
  ) {}
}

export function registerUrl(env: Environment): void {
  const fn = registrar(env);
  env.registerType(URL_TYPE, KroUrl);
  fn(`url(string): ${URL_TYPE}`, (s: string) => parseUrl(s));
  fn('isURL(string): bool', (s: string) => {
    try {
      parseUrl(s);
      return true;
    } catch {
      return false;
    }
  });
  fn(`${URL_TYPE}.getScheme(): string`, (u: KroUrl) => u.scheme);
  fn(`${URL_TYPE}.getHost(): string`, (u: KroUrl) => u.host);
  fn(`${URL_TYPE}.getHostname(): string`, (u: KroUrl) => splitHostPort(u.host)[0]);
  fn(`${URL_TYPE}.getPort(): string`, (u: KroUrl) => splitHostPort(u.host)[1]);
  fn(`${URL_TYPE}.getEscapedPath(): string`, (u: KroUrl) => escapedPath(u.rawPath));
  fn(`${URL_TYPE}.getQuery(): map<string, list<string>>`, (u: KroUrl) => parseQuery(u.rawQuery));
}

function fail(reason: string): Error {
  return celError(`URL parse error during conversion from string: ${reason}`);
}

function parseUrl(s: string): KroUrl {
  if (s === '') throw fail('empty url');
  if (/[\x00-\x1f\x7f]/.test(s)) throw fail('invalid control character in URL');
  // ParseRequestURI validates the whole text; the getters then read url.Parse, which cuts the fragment.
  parse(s, true);
  const hash = s.indexOf('#');
  return parse(hash < 0 ? s : s.slice(0, hash), false);
}

function parse(text: string, viaRequest: boolean): KroUrl {
  if (text === '*') return new KroUrl('', '', '*', '');
  let rest = text;
  let scheme = '';
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(rest);
  if (schemeMatch) {
    scheme = schemeMatch[1]!.toLowerCase();
    rest = rest.slice(schemeMatch[0].length);
  } else if (rest.startsWith(':')) throw fail('missing protocol scheme');
  let rawQuery = '';
  const question = rest.indexOf('?');
  if (question >= 0) {
    rawQuery = rest.slice(question + 1);
    rest = rest.slice(0, question);
  }
  if (!rest.startsWith('/')) {
    if (scheme !== '') return new KroUrl(scheme, '', '', rawQuery);
    if (viaRequest) throw fail('invalid URI for request');
  }
  let host = '';
  if ((scheme !== '' || (!viaRequest && !rest.startsWith('///'))) && rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    const authority = rest.slice(2, slash < 0 ? undefined : slash);
    rest = slash < 0 ? '' : rest.slice(slash);
    host = parseHost(authority.slice(authority.lastIndexOf('@') + 1));
  }
  unescape(rest, 'path');
  return new KroUrl(scheme, host, rest, rawQuery);
}

function validOptionalPort(port: string): boolean {
  return port === '' || /^:\d*$/.test(port);
}

function parseHost(host: string): string {
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close < 0) throw fail("missing ']' in host");
    if (!validOptionalPort(host.slice(close + 1))) throw fail(`invalid port ${JSON.stringify(host.slice(close + 1))} after host`);
  } else {
    const colon = host.lastIndexOf(':');
    if (colon >= 0 && !validOptionalPort(host.slice(colon))) throw fail(`invalid port ${JSON.stringify(host.slice(colon))} after host`);
  }
  for (const ch of host) {
    if (ch === '%') throw fail('invalid URL escape in host');
    if (ch.codePointAt(0)! < 0x80 && !/[A-Za-z0-9\-._~!$&'()*+,;=:[\]<>"]/.test(ch)) throw fail(`invalid character ${JSON.stringify(ch)} in host name`);
  }
  return host;
}

/** Go's `unescape`: `%XX` must be valid hex; returns the decoded bytes' text. */
function unescape(s: string, mode: 'path' | 'query'): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '%') {
      const hex = s.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw fail(`invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}`);
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else if (ch === '+' && mode === 'query') bytes.push(0x20);
    else bytes.push(...Buffer.from(ch, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function splitHostPort(hostPort: string): [string, string] {
  let host = hostPort;
  let port = '';
  const colon = hostPort.lastIndexOf(':');
  if (colon >= 0 && validOptionalPort(hostPort.slice(colon))) {
    host = hostPort.slice(0, colon);
    port = hostPort.slice(colon + 1);
  }
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return [host, port];
}

/** Go `EscapedPath`: the original text when it is a valid encoding, else the decoded path re-escaped. */
function escapedPath(raw: string): string {
  if (/^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$/.test(raw)) return raw;
  const decoded = Buffer.from(unescape(raw, 'path'), 'utf8');
  let out = '';
  for (const byte of decoded) {
    const ch = String.fromCharCode(byte);
    out += byte < 0x80 && /[A-Za-z0-9\-._~$&+,/:;=@]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Go `url.ParseQuery`, keeping what parses: `&`-separated, `;` makes a pair invalid, `+` is a space. */
function parseQuery(raw: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const pair of raw.split('&')) {
    if (pair === '' || pair.includes(';')) continue;
    const eq = pair.indexOf('=');
    try {
      const key = unescape(eq < 0 ? pair : pair.slice(0, eq), 'query');
      const value = eq < 0 ? '' : unescape(pair.slice(eq + 1), 'query');
      (out[key] ??= []).push(value);
    } catch {
      // Go skips pairs that do not unescape.
    }
  }
  return out;
}
