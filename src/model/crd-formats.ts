/**
 * The string formats the API server checks in a custom resource (k8s.io/apiextensions-apiserver
 * `validation/formats.go` lists those it keeps at each Kubernetes version; kube-openapi's `strfmt` checks
 * them), written after kube-openapi's and k8s.io/utils' Go code so that a value is accepted here exactly
 * when it is there. Format names are compared without dashes, as go-openapi does (`date-time` is `datetime`).
 *
 * Formats the API server drops (`idn-hostname`, `int32` on strings, anything unknown) are not checked. Of
 * those it checks, these are not checked here, because their Go parsers (net/url, net/mail, time.ParseDuration
 * with Scala units, net.ParseMAC, card and ISBN checksums, the hostname pattern's Unicode classes) have no
 * exact JavaScript equivalent: uri, email, duration, mac, isbn, isbn10, isbn13, creditcard, ssn, rgbcolor,
 * bsonobjectid, hostname. The API server still checks them when the object is applied.
 */

const SHORT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LONG_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/;
// kube-openapi's DateTimePattern: `.` is any character but a newline there.
const TIME = /^([0-9]{2}):([0-9]{2}):([0-9]{2})([^\n][0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$/u;
const UUID: Readonly<Record<string, RegExp>> = {
  uuid: /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i,
  uuid3: /^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i,
  uuid4: /^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i,
  uuid5: /^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i,
};

/** Each checked format (name without dashes): whether a string is valid, and how a message names it. */
const FORMATS: Readonly<Record<string, { readonly valid: (value: string) => boolean; readonly what: string }>> = {
  datetime: { valid: isDateTime, what: 'an RFC 3339 date-time (2006-01-02T15:04:05Z)' },
  date: { valid: isDate, what: 'an RFC 3339 full-date (2006-01-02)' },
  byte: { valid: (value) => BASE64.test(value), what: 'base64-encoded data' },
  ipv4: { valid: (value) => parseIp(value, true) !== undefined && value.includes('.'), what: 'an IPv4 address' },
  ipv6: { valid: (value) => parseIp(value, false) !== undefined && value.includes(':'), what: 'an IPv6 address' },
  cidr: { valid: isCidr, what: 'a CIDR (10.0.0.0/16 or fd00::/64)' },
  k8sshortname: { valid: (value) => value.length <= 63 && SHORT_NAME.test(value), what: 'a lowercase RFC 1123 label of at most 63 characters' },
  k8slongname: { valid: (value) => value.length <= 253 && LONG_NAME.test(value), what: 'a lowercase RFC 1123 subdomain of at most 253 characters' },
  hexcolor: { valid: (value) => /^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(value), what: 'a hexadecimal color (#ff0000)' },
  ...Object.fromEntries(Object.entries(UUID).map(([name, pattern]) => [name, { valid: (value: string) => pattern.test(value), what: `a UUID (${name})` }])),
};

/**
 * What `value` must be to have `format`, when it does not have it; undefined when it does, or when the
 * format is not one checked here.
 *
 * @example
 * ```ts
 * import { formatProblem } from './crd-formats.js';
 * formatProblem('date-time', '2024-02-30T10:00:00Z'); // => 'an RFC 3339 date-time (2006-01-02T15:04:05Z)'
 * formatProblem('date-time', '2024-02-29T10:00:00Z'); // => undefined
 * ```
 */
export function formatProblem(format: string, value: string): string | undefined {
  const checked = FORMATS[format.replaceAll('-', '')];
  return checked && !checked.valid(value) ? checked.what : undefined;
}

/** kube-openapi's IsDateTime: a date, a `t`, a time; lower-cased and split on every `t` (the rest is ignored). */
function isDateTime(value: string): boolean {
  if (value.length < 4) return false;
  const parts = value.toLowerCase().split('t');
  if (parts.length < 2 || !isDate(parts[0]!)) return false;
  const match = TIME.exec(parts[1]!);
  return match !== null && match[1]! <= '23' && match[2]! <= '59' && match[3]! <= '59';
}

/** Go's `time.Parse("2006-01-02", value)`: four-digit year, two-digit month and day, the day within its month. */
function isDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31);
}

/** k8s.io/utils' ParseCIDRSloppy: an IPv4 or IPv6 address, `/`, a decimal prefix length within its size. */
function isCidr(value: string): boolean {
  const slash = value.indexOf('/');
  if (slash < 0) return false;
  const [address, mask] = [value.slice(0, slash), value.slice(slash + 1)];
  const bits = parseIpv4(address, true) ? 32 : parseIpv6(address, true) ? 128 : undefined;
  if (bits === undefined || !/^[0-9]+$/.test(mask)) return false;
  return Number(mask) <= bits;
}

/**
 * An IP address as Go parses it: `sloppy` is k8s.io/utils' ParseIPSloppy (Go 1.16's parser: IPv4 octets may
 * have leading zeros), otherwise today's net.ParseIP (no leading zeros, at most four hex digits a group).
 */
function parseIp(value: string, sloppy: boolean): true | undefined {
  for (const char of value) {
    if (char === '.') return parseIpv4(value, sloppy) ? true : undefined;
    if (char === ':') return parseIpv6(value, sloppy) ? true : undefined;
  }
  return undefined;
}

function parseIpv4(value: string, sloppy: boolean): boolean {
  const parts = value.split('.');
  if (parts.length !== 4) return false;
  return parts.every((part) => /^[0-9]+$/.test(part) && (sloppy || part.length === 1 || !part.startsWith('0')) && (sloppy || part.length <= 3) && Number(part) <= 255);
}

/** Go's parseIPv6: hex groups split by `:`, at most one `::`, optionally ending in an IPv4 address. */
function parseIpv6(value: string, sloppy: boolean): boolean {
  if (value.includes(':::')) return false;
  const halves = value.split('::');
  if (halves.length > 2) return false;
  const groups = (half: string): string[] => (half === '' ? [] : half.split(':'));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const all = [...head, ...tail];
  // An IPv4 part ends the address: it cannot come before a `::`.
  if (halves.length === 2 && tail.length === 0 && head.at(-1)?.includes('.')) return false;
  let size = 0;
  for (const [index, group] of all.entries()) {
    const last = index === all.length - 1;
    if (last && group.includes('.')) {
      if (!parseIpv4(group, sloppy)) return false;
      size += 4;
    } else if (/^[0-9a-fA-F]+$/.test(group) && (sloppy ? group.replace(/^0+(?=.)/, '').length <= 4 : group.length <= 4)) size += 2;
    else return false;
  }
  return halves.length === 2 ? size <= 14 : size === 16;
}
