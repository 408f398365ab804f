/**
 * Kubernetes `Semver` library as KRO registers it (`SemverLib()` at version 0: `semver`, `isSemver`,
 * `isGreaterThan`, `isLessThan`, `compareTo`, `major`, `minor`, `patch`; no normalising overloads), over
 * blang/semver v4's strict `Parse` and SemVer 2.0 precedence (build metadata ignored).
 */
import type { Environment } from '@marcbachmann/cel-js';
import { celError, registrar } from './register.js';

const SEMVER = 'kubernetes.Semver';
const NUMBER = '(0|[1-9]\\d*)';
const IDENT = '(?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*)';
const PATTERN = new RegExp(`^${NUMBER}\\.${NUMBER}\\.${NUMBER}(?:-(${IDENT}(?:\\.${IDENT})*))?(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?$`);

export class KroSemver {
  static readonly celTypeName = SEMVER;
  constructor(
    readonly major: bigint,
    readonly minor: bigint,
    readonly patch: bigint,
    readonly pre: readonly string[],
  ) {}
}

export function registerSemver(env: Environment): void {
  const fn = registrar(env);
  env.registerType(SEMVER, KroSemver);
  fn(`semver(string): ${SEMVER}`, (s: string) => parseSemver(s));
  fn('isSemver(string): bool', (s: string) => PATTERN.test(s));
  fn(`${SEMVER}.isGreaterThan(${SEMVER}): bool`, (a: KroSemver, b: KroSemver) => compare(a, b) > 0);
  fn(`${SEMVER}.isLessThan(${SEMVER}): bool`, (a: KroSemver, b: KroSemver) => compare(a, b) < 0);
  fn(`${SEMVER}.compareTo(${SEMVER}): int`, (a: KroSemver, b: KroSemver) => BigInt(compare(a, b)));
  fn(`${SEMVER}.major(): int`, (v: KroSemver) => v.major);
  fn(`${SEMVER}.minor(): int`, (v: KroSemver) => v.minor);
  fn(`${SEMVER}.patch(): int`, (v: KroSemver) => v.patch);
  env.registerOperator(`${SEMVER} == ${SEMVER}`, (a: KroSemver, b: KroSemver) => compare(a, b) === 0);
}

function parseSemver(s: string): KroSemver {
  const m = PATTERN.exec(s);
  if (!m) throw celError(`invalid semver ${JSON.stringify(s)}`);
  return new KroSemver(BigInt(m[1]!), BigInt(m[2]!), BigInt(m[3]!), m[4] ? m[4].split('.') : []);
}

/** SemVer 2.0 precedence: numbers, then a release above its pre-releases, then identifier by identifier. */
function compare(a: KroSemver, b: KroSemver): number {
  for (const key of ['major', 'minor', 'patch'] as const) if (a[key] !== b[key]) return a[key] < b[key] ? -1 : 1;
  if (a.pre.length === 0 || b.pre.length === 0) return Math.sign(b.pre.length - a.pre.length);
  for (let i = 0; i < Math.min(a.pre.length, b.pre.length); i++) {
    const x = a.pre[i]!;
    const y = b.pre[i]!;
    if (x === y) continue;
    const xNum = /^\d+$/.test(x);
    const yNum = /^\d+$/.test(y);
    if (xNum && yNum) return BigInt(x) < BigInt(y) ? -1 : 1;
    if (xNum !== yNum) return xNum ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return Math.sign(a.pre.length - b.pre.length);
}
