/** Every corpus case, by name. */
import type { CorpusCase } from './types.js';
import arithmetic from './cases/arithmetic.js';
import arrays from './cases/arrays.js';
import batch from './cases/batch.js';
import celEscape from './cases/cel-escape.js';
import clusterScoped from './cases/cluster-scoped.js';
import collections from './cases/collections.js';
import crossRefs from './cases/cross-refs.js';
import daemonset from './cases/daemonset.js';
import defaults from './cases/defaults.js';
import dependsOn from './cases/depends-on.js';
import explicitInclude from './cases/explicit-include.js';
import externalRef from './cases/external-ref.js';
import floats from './cases/floats.js';
import forEach from './cases/for-each.js';
import ifElse from './cases/if-else.js';
import includeWhen from './cases/include-when.js';
import instanceEscapes from './cases/instance-escapes.js';
import literalStatus from './cases/literal-status.js';
import logicStatus from './cases/logic-status.js';
import lowLevel from './cases/low-level.js';
import mapEach from './cases/map-each.js';
import math from './cases/math.js';
import nested from './cases/nested.js';
import nestedStatus from './cases/nested-status.js';
import networking from './cases/networking.js';
import optionalChaining from './cases/optional-chaining.js';
import readyWhen from './cases/ready-when.js';
import resourceGraph from './cases/resource-graph.js';
import secrets from './cases/secrets.js';
import stateful from './cases/stateful.js';
import strings from './cases/strings.js';
import templateNames from './cases/template-names.js';
import ternaryArgs from './cases/ternary-args.js';
import webapp from './cases/webapp.js';

export const corpus: Readonly<Record<string, CorpusCase>> = {
  'arithmetic': arithmetic,
  'arrays': arrays,
  'batch': batch,
  'cel-escape': celEscape,
  'cluster-scoped': clusterScoped,
  'collections': collections,
  'cross-refs': crossRefs,
  'daemonset': daemonset,
  'defaults': defaults,
  'depends-on': dependsOn,
  'explicit-include': explicitInclude,
  'external-ref': externalRef,
  'floats': floats,
  'for-each': forEach,
  'if-else': ifElse,
  'include-when': includeWhen,
  'instance-escapes': instanceEscapes,
  'literal-status': literalStatus,
  'logic-status': logicStatus,
  'low-level': lowLevel,
  'map-each': mapEach,
  'math': math,
  'nested': nested,
  'nested-status': nestedStatus,
  'networking': networking,
  'optional-chaining': optionalChaining,
  'ready-when': readyWhen,
  'resource-graph': resourceGraph,
  'secrets': secrets,
  'stateful': stateful,
  'strings': strings,
  'template-names': templateNames,
  'ternary-args': ternaryArgs,
  'webapp': webapp,
};
