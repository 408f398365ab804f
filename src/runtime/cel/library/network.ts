/**
 * Kubernetes `IP` and `CIDR` libraries (k8s.io/apiserver/pkg/cel/library/ip.go, cidr.go over Go's
 * `net/netip`): strict parsing (no leading zeros in IPv4 octets, no zones, no IPv4-mapped IPv6),
 * `family`, the `is*` classifiers, `containsIP`, `containsCIDR`, `ip`, `masked`, `prefixLength`, and
 * `string()` in netip's canonical form (RFC 5952 for IPv6).
 */
import type { Environment } from '@marcbachmann/cel-js';
import { celError, registrar } from './register.js';

const IP = 'net.IP';
const CIDR = 'net.CIDR';

export class KroIp {
  static readonly celTypeName = IP;
  /** 4 or 16 bytes. */
  constructor(readonly bytes: readonly number[]) {}
}

export class KroCidr {
  static readonly celTypeName = CIDR;
  constructor(
    readonly ip: KroIp,
    readonly bits: number,
  ) {}
}

export function registerNetwork(env: Environment): void {
  const fn = registrar(env);
  env.registerType(IP, KroIp);
  env.registerType(CIDR, KroCidr);
  fn(`ip(string): ${IP}`, (s: string) => parseIp(s));
  fn('isIP(string): bool', (s: string) => succeeds(() => parseIp(s)));
  fn(`${IP}.family(): int`, (ip: KroIp) => (ip.bytes.length === 4 ? 4n : 6n));
  fn(`${IP}.isUnspecified(): bool`, (ip: KroIp) => ip.bytes.every((b) => b === 0));
  fn(`${IP}.isLoopback(): bool`, (ip: KroIp) => isLoopback(ip));
  fn(`${IP}.isLinkLocalMulticast(): bool`, (ip: KroIp) => isLinkLocalMulticast(ip));
  fn(`${IP}.isLinkLocalUnicast(): bool`, (ip: KroIp) => isLinkLocalUnicast(ip));
  fn(`${IP}.isGlobalUnicast(): bool`, (ip: KroIp) => isGlobalUnicast(ip));
  fn(`kroString(${IP}): string`, (ip: KroIp) => formatIp(ip));
  env.registerOperator(`${IP} == ${IP}`, (a: KroIp, b: KroIp) => formatIp(a) === formatIp(b));
  fn(`cidr(string): ${CIDR}`, (s: string) => parseCidr(s));
  fn('isCIDR(string): bool', (s: string) => succeeds(() => parseCidr(s)));
  fn(`${CIDR}.containsIP(${IP}): bool`, (c: KroCidr, ip: KroIp) => contains(c, ip));
  fn(`${CIDR}.containsIP(string): bool`, (c: KroCidr, ip: string) => contains(c, parseIp(ip)));
  fn(`${CIDR}.containsCIDR(${CIDR}): bool`, (c: KroCidr, other: KroCidr) => containsCidr(c, other));
  fn(`${CIDR}.containsCIDR(string): bool`, (c: KroCidr, other: string) => containsCidr(c, parseCidr(other)));
  fn(`${CIDR}.ip(): ${IP}`, (c: KroCidr) => c.ip);
  fn(`${CIDR}.masked(): ${CIDR}`, (c: KroCidr) => new KroCidr(mask(c.ip, c.bits), c.bits));
  fn(`${CIDR}.prefixLength(): int`, (c: KroCidr) => BigInt(c.bits));
  fn(`kroString(${CIDR}): string`, (c: KroCidr) => `${formatIp(c.ip)}/${c.bits}`);
  env.registerOperator(`${CIDR} == ${CIDR}`, (a: KroCidr, b: KroCidr) => formatIp(a.ip) === formatIp(b.ip) && a.bits === b.bits);
}

function succeeds(f: () => unknown): boolean {
  try {
    f();
    return true;
  } catch {
    return false;
  }
}

function parseIp(s: string): KroIp {
  if (s.includes('%')) throw celError('IP address with zone value is not allowed');
  const bytes = s.includes(':') ? parseIpv6(s) : parseIpv4(s);
  if (!bytes) throw celError(`IP Address ${JSON.stringify(s)} parse error during conversion from string: ParseAddr(${JSON.stringify(s)}): unable to parse IP`);
  if (bytes.length === 16 && bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) {
    throw celError('IPv4-mapped IPv6 address is not allowed');
  }
  return new KroIp(bytes);
}

/** netip: exactly four decimal octets ≤ 255, no leading zeros. */
function parseIpv4(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return undefined;
    bytes.push(Number(part));
  }
  return bytes;
}

function parseIpv6(s: string): number[] | undefined {
  let text = s;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    const v4 = parseIpv4(text.slice(lastColon + 1));
    if (!v4) return undefined;
    tail = v4;
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string) => (half === '' ? [] : half.split(':'));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  const total = head.length + rest.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return undefined;
  const all = [...head, ...Array<string>(8 - total).fill('0'), ...rest];
  const bytes: number[] = [];
  for (const group of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    const value = Number.parseInt(group, 16);
    bytes.push(value >> 8, value & 0xff);
  }
  if (tail.length) bytes.splice(12, 4, ...tail);
  return bytes;
}

/** netip's String: dotted IPv4; IPv6 in lower case with the longest run (≥ 2) of zero groups as `::`. */
function formatIp(ip: KroIp): string {
  if (ip.bytes.length === 4) return ip.bytes.join('.');
  const groups = Array.from({ length: 8 }, (_v, i) => (ip.bytes[2 * i]! << 8) | ip.bytes[2 * i + 1]!);
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength && j - i >= 2) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

function isLoopback(ip: KroIp): boolean {
  if (ip.bytes.length === 4) return ip.bytes[0] === 127;
  return ip.bytes.slice(0, 15).every((b) => b === 0) && ip.bytes[15] === 1;
}

function isLinkLocalMulticast(ip: KroIp): boolean {
  if (ip.bytes.length === 4) return ip.bytes[0] === 224 && ip.bytes[1] === 0 && ip.bytes[2] === 0;
  return ip.bytes[0] === 0xff && (ip.bytes[1]! & 0x0f) === 0x02;
}

function isLinkLocalUnicast(ip: KroIp): boolean {
  if (ip.bytes.length === 4) return ip.bytes[0] === 169 && ip.bytes[1] === 254;
  return ip.bytes[0] === 0xfe && (ip.bytes[1]! & 0xc0) === 0x80;
}

function isGlobalUnicast(ip: KroIp): boolean {
  const b = ip.bytes;
  if (b.every((x) => x === 0)) return false;
  if (b.length === 4 && b.every((x) => x === 255)) return false;
  const multicast = b.length === 4 ? (b[0]! & 0xf0) === 0xe0 : b[0] === 0xff;
  return !isLoopback(ip) && !multicast && !isLinkLocalUnicast(ip);
}

function parseCidr(s: string): KroCidr {
  const slash = s.lastIndexOf('/');
  if (slash < 0) throw celError(`network address parse error during conversion from string: netip.ParsePrefix(${JSON.stringify(s)}): no '/'`);
  const ip = parseIp(s.slice(0, slash));
  const bitsText = s.slice(slash + 1);
  const max = ip.bytes.length * 8;
  if (!/^(0|[1-9]\d*)$/.test(bitsText) || Number(bitsText) > max) {
    throw celError(`network address parse error during conversion from string: netip.ParsePrefix(${JSON.stringify(s)}): bad bits after slash: ${JSON.stringify(bitsText)}`);
  }
  return new KroCidr(ip, Number(bitsText));
}

function mask(ip: KroIp, bits: number): KroIp {
  return new KroIp(ip.bytes.map((b, i) => (i * 8 >= bits ? 0 : i * 8 + 8 <= bits ? b : b & (0xff << (8 - (bits - i * 8))) & 0xff)));
}

function contains(c: KroCidr, ip: KroIp): boolean {
  if (ip.bytes.length !== c.ip.bytes.length) return false;
  return formatIp(mask(ip, c.bits)) === formatIp(mask(c.ip, c.bits));
}

function containsCidr(c: KroCidr, other: KroCidr): boolean {
  return other.ip.bytes.length === c.ip.bytes.length && c.bits <= other.bits && contains(c, other.ip);
}
