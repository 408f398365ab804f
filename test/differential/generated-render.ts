/**
 * Generated programs (generated-programs.ts) written as real TypeScript: each site's statements, the
 * composition, its helpers in the same file and in the batch's helper module (imported by name, through a
 * namespace import or a barrel), a batch file and a standalone file for failure reports.
 */
import { renderExpr } from './generated-expressions.js';
import { FOR_CONST_IF } from './generated-rejections.js';
import { SPEC_SCHEMA, SPEC_FIELDS, SPEC_TYPE } from './generated-spec.js';
import type { Expr } from './generated-types.js';
import { nestedChild, renderScopedSite } from './generated-scoped-sites.js';
import { asScoped, isFixedList, isScoped, type Program, type Site } from './generated-programs.js';

const q = (text: string): string => JSON.stringify(text);

/** The statements of site `i` in program `p` (helpers named `h<p>_<i>`), indented for the composition body. */
function renderSite(site: Site, p: number, i: number): string[] {
  if (isScoped(site.position)) return renderScopedSite(asScoped(site), p, i);
  const r = (e: Expr): string => renderExpr(e);
  const [value, second] = site.values;
  const name = q(`g${i}`);
  const cm = (data: string): string => `const r${i} = ConfigMap({ name: ${name}, data: ${data} });`;
  switch (site.position) {
    case 'inline':
      return [cm(`{ v: ${r(value!)} }`)];
    case 'deployment':
      return [`const r${i} = Deployment({ name: ${name}, image: ${r(value!)}, replicas: ${r(second!)}, args: ${r(site.values[2]!)}, env: { MODE: ${r(site.values[3]!)} } });`];
    case 'ready':
      return [`const r${i} = Deployment({ name: ${name}, image: 'nginx', replicas: ${r(value!)} }).withReadyWhen((self) => ${r(site.guard!)});`];
    case 'options':
      return [`const o${i} = { name: ${name}, data: { v: ${r(value!)} } };`, `const r${i} = ConfigMap(o${i});`];
    case 'spread':
      return [`const b${i} = { v: ${r(value!)}, w: ${r(second!)} };`, cm(`{ ...b${i} }`)];
    case 'helper':
      return [cm(`{ v: h${p}_${i}(spec) }`)];
    case 'imported':
      return [cm(`{ v: ${IMPORT_FORMS[i % IMPORT_FORMS.length] === 'namespace' ? 'HN.' : ''}h${p}_${i}(spec) }`)];
    case 'destructured':
      return [cm(`{ v: ${renderExpr(value!, true)} }`)];
    case 'local':
      return [`const l${i} = ${r(value!)};`, cm(`{ v: l${i} }`)];
    case 'local-list':
      return [`const l${i} = ${r(value!)};`, cm(`{ v: l${i}[0] ?? 'none', w: l${i}.join('+'), n: \`\${l${i}.length}\` }`)];
    case 'localfn':
      return [`const f${i} = (p: string) => ${r(value!)};`, cm(`{ v: f${i}(${r(second!)}) }`)];
    case 'if':
      return [`if (${r(site.guard!)}) {`, `  ${cm(`{ v: ${r(value!)} }`)}`, '}'];
    case 'else':
      return [`if (${r(site.guard!)}) {`, `  ${cm(`{ v: ${r(value!)} }`)}`, '} else {', `  ConfigMap({ name: ${q(`e${i}`)}, data: { v: ${r(second!)} } });`, '}'];
    case 'and':
      return [`${r(site.guard!)} && ConfigMap({ name: ${name}, data: { v: ${r(value!)} } });`];
    case 'ternary':
      return [`${r(site.guard!)} ? ConfigMap({ name: ${name}, data: { v: ${r(value!)} } }) : ConfigMap({ name: ${q(`e${i}`)}, data: { v: ${r(second!)} } });`];
    case 'for':
      return ['for (const t of spec.tags) {', `  ConfigMap({ name: \`g${i}-\${t}\`, data: { v: ${r(value!)} } });`, '}'];
    case 'map':
      return [`const r${i} = spec.tags.map((t) => ConfigMap({ name: \`g${i}-\${t}\`, data: { v: ${r(value!)} } }));`];
    case 'for-destructured':
      return ['for (const t of tags) {', `  ConfigMap({ name: \`g${i}-\${t}\`, data: { v: ${r(value!)} } });`, '}'];
    case 'if-for':
      return [`if (${r(site.guard!)}) {`, '  for (const t of spec.tags) {', `    ConfigMap({ name: \`g${i}-\${t}\`, data: { v: ${r(value!)} } });`, '  }', '}'];
    case 'for-if':
      return ['for (const t of spec.tags) {', `  if (${r(site.guard!)}) ConfigMap({ name: \`g${i}-\${t}\`, data: { v: ${r(value!)} } });`, '}'];
    case 'for-filtered':
      return [`for (const t of spec.tags.filter((f) => ${r(site.guard!)})) {`, `  ConfigMap({ name: \`g${i}-\${t}\`, data: { v: ${r(value!)} } });`, '}'];
    case 'for-const':
      // A loop over a constant array runs in JavaScript: one resource per item, the item a constant in the CEL.
      if (isFixedList(site.position, i)) return [`const r${i} = ['a', 'b-c', 'Zz'].map((t) => ConfigMap({ name: \`g${i}-\${t.toLowerCase()}\`, data: { v: ${r(value!)} } }));`];
      return ["for (const t of ['a', 'b-c', 'Zz']) {", `  ConfigMap({ name: \`g${i}-\${t.toLowerCase()}\`, data: { v: ${r(value!)} } });`, '}'];
    case 'for-const-if':
      return [
        `${FOR_CONST_IF} {`,
        `  if (${r(site.guard!)}) ConfigMap({ name: \`g${i}-\${t.toLowerCase()}\`, data: { v: ${r(value!)} } });`,
        `  else ConfigMap({ name: \`e${i}-\${t.toLowerCase()}\`, data: { v: ${r(second!)} } });`,
        '}',
      ];
    case 'nullish':
      // A factory on the right of `??`: created only when the optional field is not set.
      return [`spec.nick ?? ConfigMap({ name: ${name}, data: { v: ${r(value!)} } });`];
    case 'for-ready':
      return [
        'for (const t of spec.tags) {',
        `  Deployment({ name: \`g${i}-\${t}\`, image: ${r(value!)}, replicas: ${r(second!)} }).withReadyWhen((self) => ${r(site.guard!)});`,
        '}',
      ];
  }
}

const helperOf = (site: Site, p: number, i: number, exported: boolean): string =>
  `${exported ? 'export ' : ''}function h${p}_${i}(spec: Spec): string {\n  return ${renderExpr(site.values[0]!)};\n}`;

/** The composition source of program `p` (a thunk, so a definition error is caught per program). */
export function renderProgram(program: Program, p: number): string {
  const style = program.statusStyle;
  const destructure = style === 'destructured' || program.sites.some((s) => s.position === 'destructured' || s.position === 'for-destructured');
  const fields = (['s', 'n', 'b', 'l', 'i', 'e'] as const).map((key) => [key, renderExpr(program.status[key], style === 'destructured')] as const);
  const body = [
    ...(destructure ? [`const { ${SPEC_FIELDS.join(', ')} } = spec;`] : []),
    ...program.sites.flatMap((site, i) => renderSite(site, p, i)),
    ...(style === 'locals' ? fields.map(([key, text]) => `const ${key}Status = ${text};`) : []),
    `return { ${fields.map(([key, text]) => `${key}: ${style === 'locals' ? `${key}Status` : text}`).join(', ')} };`,
  ];
  const header = `{ name: 'gen-${p}', apiVersion: 'gen.typekro.dev/v1alpha1', kind: 'Gen${p}', spec: specSchema, status: statusSchema }`;
  const composition = `kubernetesComposition(${header}, (spec) => {\n${body.map((line) => `  ${line}`).join('\n')}\n})`;
  // Nested child compositions are defined in the thunk, so a child's definition error is this program's.
  const children = program.sites.flatMap((site, i) => (site.position === 'nested' ? [nestedChild(asScoped(site), p, i)] : []));
  return children.length === 0 ? `() => ${composition}` : `() => {\n${children.join('\n')}\nreturn ${composition};\n}`;
}

/** Same-file helpers of program `p`, for the batch file's top level. */
export function localHelpers(program: Program, p: number): string[] {
  return program.sites.flatMap((site, i) => (site.position === 'helper' ? [helperOf(site, p, i, false)] : []));
}

/**
 * How an imported helper is reached, by its site's index: imported by name, read from a namespace import
 * (`import * as HN`), or imported by name from a barrel that re-exports the helper module (`export *`).
 */
const IMPORT_FORMS = ['named', 'namespace', 'barrel'] as const;

/** Helpers of program `p` that live in the batch's helper module, with the names imported directly and through the barrel. */
export function importedHelpers(program: Program, p: number): { names: string[]; barrelNames: string[]; source: string[] } {
  const sites = program.sites.flatMap((site, i) => (site.position === 'imported' ? [[site, i] as const] : []));
  const named = (form: (typeof IMPORT_FORMS)[number]): string[] => sites.flatMap(([, i]) => (IMPORT_FORMS[i % IMPORT_FORMS.length] === form ? [`h${p}_${i}`] : []));
  return { names: named('named'), barrelNames: named('barrel'), source: sites.map(([site, i]) => helperOf(site, p, i, true)) };
}

/**
 * The three files of a batch: `main` exports `programs` (one definition thunk per program) and imports the
 * library by absolute path; `helpers` holds the imported helpers; `barrel` re-exports them all
 * (`<helpersName>-barrel`). `helpersName` is the helper module's file name without extension, beside main.
 */
export function renderBatch(programs: readonly Program[], srcDir: string, helpersName: string): { main: string; helpers: string; barrel: string } {
  const imported = programs.map((program, p) => importedHelpers(program, p));
  const names = imported.flatMap((h) => h.names);
  const barrelNames = imported.flatMap((h) => h.barrelNames);
  const namespace = programs.some((program) => program.sites.some((site, i) => site.position === 'imported' && IMPORT_FORMS[i % IMPORT_FORMS.length] === 'namespace'));
  const main = [
    "import { type } from 'arktype';",
    `import { kubernetesComposition } from ${q(`${srcDir}/index.js`)};`,
    `import { ConfigMap, Deployment } from ${q(`${srcDir}/simple.js`)};`,
    ...(names.length > 0 ? [`import { ${names.join(', ')} } from './${helpersName}.js';`] : []),
    ...(namespace ? [`import * as HN from './${helpersName}.js';`] : []),
    ...(barrelNames.length > 0 ? [`import { ${barrelNames.join(', ')} } from './${helpersName}-barrel.js';`] : []),
    `type Spec = ${SPEC_TYPE};`,
    `const specSchema = type(${JSON.stringify(SPEC_SCHEMA)});`,
    "const statusSchema = type({ s: 'string', 'n?': 'number', 'b?': 'boolean', l: 'string[]', 'i?': 'number.integer', e: \"'dev' | 'prod'\" });",
    ...programs.flatMap((program, p) => localHelpers(program, p)),
    `export const programs = [\n${programs.map((program, p) => renderProgram(program, p)).join(',\n')},\n];`,
  ].join('\n');
  const helpers = [`type Spec = ${SPEC_TYPE};`, ...imported.flatMap((h) => h.source)].join('\n');
  return { main: `${main}\n`, helpers: `${helpers}\n`, barrel: `export * from './${helpersName}.js';\n` };
}

/** One program as a standalone file, for failure reports. */
export function renderStandalone(program: Program): string {
  const { main, helpers, barrel } = renderBatch([program], '../../src', 'helpers');
  if (helpers.trim().split('\n').length <= 1) return main;
  return `${main}\n// helpers.ts\n${helpers}${main.includes('-barrel.js') ? `\n// helpers-barrel.ts\n${barrel}` : ''}`;
}
