/**
 * The spec file reader refuses a plain scalar kubectl and Helm (go-yaml) type otherwise than its YAML 1.2
 * reading (trial 17: the readers disagree on `010`, `1_000`, `yes`, `0X1F`); test/differential/yaml-readers.go.test.ts
 * holds what it accepts to sigs.k8s.io/yaml itself.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../src/cli/errors.js';
import { readSpecFile } from '../../src/cli/spec.js';

const read = (text: string): unknown => readSpecFile('-', () => text);
const refusal = (line: number, source: string, reading: string): string =>
  `spec from stdin, line ${line}: ${source} is read as ${reading} here, but kubectl and Helm (YAML 1.1, Go's number syntax) read it otherwise; quote it ("${source}") for the string, write a number in decimal without a leading zero or "_", a boolean as true or false`;

describe('spec file scalars', () => {
  it('refuses a plain scalar go-yaml reads otherwise, with its line', () => {
    const cases: [string, number, string, string][] = [
      ['replicas: 010\n', 1, '010', '10'],
      ['name: x\nsize: 1_000\n', 2, '1_000', '"1_000"'],
      ['enabled: yes\n', 1, 'yes', '"yes"'],
      ['tags:\n  - a\n  - Off\n', 3, 'Off', '"Off"'],
      ['0X1F: x\n', 1, '0X1F', '"0X1F"'], // a key too: YAMLToJSON writes go-yaml's 31 as "31"
      ['mode: +0o17\n', 1, '+0o17', '"+0o17"'],
      ['mode: 0o1_7\n', 1, '0o1_7', '"0o1_7"'],
      ['flags: 0b101\n', 1, '0b101', '"0b101"'],
      ['n: 1\n', 1, 'n', '"n"'], // YAML 1.1's false, as a key
      ['x: .inf\n', 1, '.inf', 'Infinity'], // no JSON form
    ];
    for (const [text, line, source, reading] of cases) {
      assert.throws(() => read(text), (error: unknown) => error instanceof UsageError && error.message === refusal(line, source, reading), text);
    }
  });

  it('refuses a plain key read as a number or boolean', () => {
    assert.throws(() => read('1e3: x\n'), (error: unknown) => error instanceof UsageError && error.message === 'spec from stdin, line 1: the key 1e3 is read as the number 1000, which each YAML reader writes back as text its own way; quote it ("1e3")');
    assert.throws(() => read('a: 1\ntrue: x\n'), (error: unknown) => error instanceof UsageError && error.message === 'spec from stdin, line 2: the key true is read as the boolean true, which each YAML reader writes back as text its own way; quote it ("true")');
  });

  it('accepts what every reader types alike, and quoted or tagged strings', () => {
    assert.deepEqual(read('a: 10\nb: -1.5\nc: 1e3\nd: .5\ne: 0o17\nf: 0x1F\ng: true\nh: False\ni: null\nj: ~\nk:\nl: hello\nm: "010"\np: 512Mi\nq: --flag\nr: 1.0.0\ns: 2026-12-07\nt: !!str yes\n"n": "y"\n'), {
      a: 10, b: -1.5, c: 1000, d: 0.5, e: 15, f: 31, g: true, h: false, i: null, j: null, k: null, l: 'hello', m: '010', p: '512Mi', q: '--flag', r: '1.0.0', s: '2026-12-07', t: 'yes', n: 'y',
    });
  });
});
