/**
 * Where cel-js's built-ins differ from cel-go, programs are pointed at our functions (see `rewrite.ts`).
 * Every internal name starts with `kro` and is mapped back to the CEL name in messages.
 */
import type { RewriteRules } from '../rewrite.js';
import { TIME_RENAMES } from './time.js';

export const RULES: RewriteRules = {
  receiver: {
    lowerAscii: 'kroLowerAscii',
    upperAscii: 'kroUpperAscii',
    indexOf: 'kroIndexOf',
    lastIndexOf: 'kroLastIndexOf',
    substring: 'kroSubstring',
    split: 'kroSplit',
    trim: 'kroTrim',
    matches: 'kroMatches',
    ...TIME_RENAMES,
  },
  global: {
    string: 'kroString',
    int: 'kroInt',
    double: 'kroDouble',
    timestamp: 'kroTimestamp',
    duration: 'kroDuration',
    matches: 'kroMatches',
  },
  operators: {
    '-_': 'kroNeg',
    '/': 'kroDiv',
    '%': 'kroMod',
  },
  // cel-js extras that KRO's environment does not have (bytes.hex/base64/json/string, list.at).
  rejected: new Set(['hex', 'base64', 'json', 'string', 'at']),
};
