/**
 * The layers of docs/architecture.md, enforced: a module may import only from its own layer or the
 * layers listed as below it. No cycles anywhere.
 */
const layers = {
  util: ['src/util', 'src/dag'],
  ir: ['src/ir'],
  schema: ['src/model/schema'],
  analysis: ['src/analysis'],
  compile: ['src/compile'],
  model: ['src/model'],
  composition: ['src/composition'],
  runtime: ['src/runtime'],
  api: ['src/api', 'src/index.ts', 'src/simple.ts'],
  testing: ['src/testing'],
  import: ['src/import'],
  integrations: ['src/integrations'],
  cli: ['src/cli'],
};

// What each layer may import besides itself.
const allowed = {
  util: [],
  ir: ['util'],
  schema: ['util', 'ir'],
  analysis: ['util', 'ir'],
  compile: ['util', 'ir', 'schema'],
  model: ['util', 'ir', 'schema', 'compile'],
  composition: ['util', 'ir', 'schema', 'analysis', 'compile', 'model'],
  runtime: ['util', 'ir', 'schema', 'compile'],
  api: ['util', 'ir', 'schema', 'analysis', 'compile', 'model', 'composition', 'runtime'],
  testing: ['util', 'ir', 'schema', 'analysis', 'compile', 'model', 'composition', 'runtime', 'api'],
  import: ['util', 'ir', 'schema', 'model', 'runtime'],
  integrations: ['util', 'ir', 'schema', 'compile', 'model', 'api'],
  cli: ['util', 'api', 'testing', 'runtime', 'import'],
};

const pathOf = (names) => `^(${names.flatMap((name) => layers[name]).map((p) => p.replace(/\./g, '\\.')).join('|')})`;

// src/model/schema sits inside src/model but is its own, lower layer.
const exclude = (name) => (name === 'model' ? '^src/model/schema' : undefined);

const forbidden = Object.keys(layers).map((name) => {
  const others = Object.keys(layers).filter((other) => other !== name && !allowed[name].includes(other));
  const from = { path: pathOf([name]) };
  if (exclude(name)) from.pathNot = exclude(name);
  const to = { path: pathOf(others) };
  if (allowed[name].includes('schema') || name === 'schema') to.pathNot = '^src/model/schema';
  if (name === 'schema') {
    from.pathNot = undefined;
    to.path = pathOf(others.filter((other) => other !== 'model'));
  }
  if (!from.pathNot) delete from.pathNot;
  return { name: `layer-${name}`, comment: `${name} may import only: ${allowed[name].join(', ') || 'nothing'}`, severity: 'error', from, to };
});

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    ...forbidden,
    {
      name: 'schema-not-into-model',
      comment: 'src/model/schema is below src/model',
      severity: 'error',
      from: { path: '^src/model/schema' },
      to: { path: '^src/model/(?!schema)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
