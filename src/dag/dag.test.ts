import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CycleError, Dag, DuplicateNodeError, UnknownNodeError } from './dag.js';

/** Builds a graph from node names and `from>to` edges ("from depends on to"). */
function build(nodes: string[], edges: string[]): Dag {
  const dag = new Dag();
  nodes.forEach((n) => dag.addNode(n));
  for (const edge of edges) {
    const [from, to] = edge.split('>');
    dag.addEdge(from ?? '', to ?? '');
  }
  return dag;
}

describe('Dag.topologicalOrder', () => {
  const cases: { name: string; nodes: string[]; edges: string[]; order: string[] }[] = [
    { name: 'empty', nodes: [], edges: [], order: [] },
    { name: 'no edges keeps declaration order', nodes: ['c', 'a', 'b'], edges: [], order: ['c', 'a', 'b'] },
    { name: 'dependency first', nodes: ['svc', 'dep'], edges: ['svc>dep'], order: ['dep', 'svc'] },
    {
      name: 'ties keep declaration order after a dependency is released',
      nodes: ['a', 'b', 'c', 'd'],
      edges: ['a>d', 'c>d'],
      order: ['b', 'd', 'a', 'c'],
    },
    { name: 'diamond', nodes: ['top', 'l', 'r', 'base'], edges: ['top>l', 'top>r', 'l>base', 'r>base'], order: ['base', 'l', 'r', 'top'] },
    { name: 'duplicate edges are harmless', nodes: ['a', 'b'], edges: ['a>b', 'a>b'], order: ['b', 'a'] },
  ];
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(build(c.nodes, c.edges).topologicalOrder(), c.order));
  }
});

describe('Dag cycles', () => {
  const cases: { name: string; nodes: string[]; edges: string[]; message: string }[] = [
    { name: 'self edge', nodes: ['a'], edges: ['a>a'], message: 'dependency cycle: a -> a' },
    { name: 'two nodes', nodes: ['a', 'b'], edges: ['a>b', 'b>a'], message: 'dependency cycle: a -> b -> a' },
    { name: 'three nodes', nodes: ['a', 'b', 'c'], edges: ['a>b', 'b>c', 'c>a'], message: 'dependency cycle: a -> b -> c -> a' },
    {
      name: 'cycle behind an acyclic prefix',
      nodes: ['x', 'a', 'b', 'y'],
      edges: ['x>a', 'a>b', 'b>a', 'y>x'],
      message: 'dependency cycle: a -> b -> a',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const dag = build(c.nodes, c.edges);
      assert.throws(() => dag.topologicalOrder(), (err: unknown) => {
        assert.ok(err instanceof CycleError);
        assert.equal(err.message, c.message);
        return true;
      });
    });
  }
});

describe('Dag errors', () => {
  it('reports the unknown end of an edge', () => {
    const dag = build(['a'], []);
    assert.throws(() => dag.addEdge('a', 'ghost'), (err: unknown) => {
      assert.ok(err instanceof UnknownNodeError);
      assert.equal(err.missing, 'ghost');
      assert.match(err.message, /edge a -> ghost names unknown node "ghost"/);
      return true;
    });
    assert.throws(() => dag.addEdge('ghost', 'a'), UnknownNodeError);
  });
  it('rejects duplicate nodes', () => {
    assert.throws(() => build(['a', 'a'], []), DuplicateNodeError);
  });
  it('lists dependencies', () => {
    assert.deepEqual(build(['a', 'b', 'c'], ['a>c', 'a>b']).dependenciesOf('a'), ['c', 'b']);
  });
});
