import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeSyntax, nameProblem, nameSyntaxOf, NAMESPACE_SYNTAX, type NameSyntax } from './object-names.js';

const subdomain: NameSyntax = { rule: 'dns1123-subdomain' };
const label: NameSyntax = { rule: 'dns1123-label' };
const dns1035: NameSyntax = { rule: 'dns1035-label' };
const segment: NameSyntax = { rule: 'path-segment' };

describe('nameProblem', () => {
  const cases: [string, NameSyntax, string | undefined][] = [
    ['web', subdomain, undefined],
    ['a', subdomain, undefined],
    ['web.example-1.io', subdomain, undefined],
    ['x'.repeat(253), subdomain, undefined],
    [`${'a'.repeat(63)}.${'b'.repeat(189)}`, subdomain, undefined],
    ['x'.repeat(254), subdomain, 'has 254 characters (at most 253)'],
    ['', subdomain, 'is empty'],
    ['-web', subdomain, 'starts with "-"'],
    ['web-', subdomain, 'ends with "-"'],
    ['.web', subdomain, 'starts with "."'],
    ['web.', subdomain, 'ends with "."'],
    ['web..io', subdomain, 'has a part between dots that is empty or starts or ends with "-"'],
    ['web.-io', subdomain, 'has a part between dots that is empty or starts or ends with "-"'],
    ['demo-Bad_Suffix', subdomain, 'has uppercase letters ("B", "S") and contains "_"'],
    ['Web', subdomain, 'has uppercase letters ("W")'],
    ['a b', subdomain, 'contains " "'],
    ['café', subdomain, 'contains "é"'],
    [`${'X'.repeat(254)}`, subdomain, 'has 254 characters (at most 253) and has uppercase letters ("X")'],
    ['x'.repeat(63), label, undefined],
    ['x'.repeat(64), label, 'has 64 characters (at most 63)'],
    ['0web', label, undefined],
    ['web.io', label, 'contains "."'],
    ['-web', label, 'starts with "-"'],
    ['web-', label, 'ends with "-"'],
    ['', label, 'is empty'],
    ['web', dns1035, undefined],
    ['x'.repeat(63), dns1035, undefined],
    ['x'.repeat(64), dns1035, 'has 64 characters (at most 63)'],
    ['0web', dns1035, 'starts with "0" (it must start with a letter)'],
    ['web-', dns1035, 'ends with "-"'],
    ['system:controller:Web_1', segment, undefined],
    ['x'.repeat(1000), segment, undefined],
    ['.', segment, 'may not be "."'],
    ['..', segment, 'may not be ".."'],
    ['a/b%c', segment, 'contains "/" and "%"'],
    ['', segment, 'is empty'],
    ['x'.repeat(52), { rule: 'dns1123-subdomain', maxLength: 52 }, undefined],
    ['x'.repeat(53), { rule: 'dns1123-subdomain', maxLength: 52 }, 'has 53 characters (at most 52)'],
  ];
  for (const [name, syntax, expected] of cases) {
    it(`${syntax.rule}${syntax.maxLength ? ` (≤${syntax.maxLength})` : ''}: ${JSON.stringify(name.length > 20 ? `${name.slice(0, 12)}… (${name.length})` : name)} → ${expected ?? 'valid'}`, () => {
      assert.equal(nameProblem(name, syntax), expected);
    });
  }
});

describe('nameSyntaxOf', () => {
  it('follows Kubernetes validation per built-in kind; other kinds (custom resources) are subdomains', () => {
    assert.deepEqual(nameSyntaxOf('v1', 'Service'), dns1035);
    assert.deepEqual(nameSyntaxOf('v1', 'Namespace'), label);
    assert.deepEqual(nameSyntaxOf('v1', 'ConfigMap'), subdomain);
    assert.deepEqual(nameSyntaxOf('apps/v1', 'StatefulSet'), label);
    assert.deepEqual(nameSyntaxOf('apps/v1', 'Deployment'), subdomain);
    assert.deepEqual(nameSyntaxOf('batch/v1', 'CronJob'), { rule: 'dns1123-subdomain', maxLength: 52 });
    assert.deepEqual(nameSyntaxOf('batch/v1', 'Job'), { rule: 'dns1123-subdomain', maxLength: 63 });
    assert.deepEqual(nameSyntaxOf('rbac.authorization.k8s.io/v1', 'ClusterRole'), segment);
    assert.deepEqual(nameSyntaxOf('certificates.k8s.io/v1', 'CertificateSigningRequest'), segment);
    // the group decides: a custom kind named Service is a subdomain
    assert.deepEqual(nameSyntaxOf('example.com/v1', 'Service'), subdomain);
    assert.deepEqual(NAMESPACE_SYNTAX, label);
  });

  it('describes each rule with its limit', () => {
    assert.equal(describeSyntax(label), 'a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters');
    assert.equal(describeSyntax(segment), 'a path segment: not "." or "..", without "/" or "%"');
    assert.match(describeSyntax({ rule: 'dns1123-subdomain', maxLength: 52 }), /at most 52 characters$/);
  });
});
