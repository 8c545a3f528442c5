// What a V8 heap snapshot of the extension host holds that the soak compares: the event listeners of the
// extension's own emitters (core/events.ts: class Emitter with a `listeners` Set) and the armed timers (Timeout
// objects not yet destroyed, VS Code's own included). Read by the runner, outside the host, so counting costs
// the host nothing.
import * as fs from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

export interface HeapCensus {
  emitters: number;
  listeners: number;
  timers: number;
}

export function heapCensus(file: string): HeapCensus {
  const snap = JSON.parse(fs.readFileSync(file, 'utf8')) as Snapshot;
  const { node_fields, node_types, edge_fields, edge_types } = snap.snapshot.meta;
  const nf = node_fields.length;
  const ef = edge_fields.length;
  const edgeCountAt = node_fields.indexOf('edge_count');
  const { nodes, edges, strings } = snap;
  const count = nodes.length / nf;
  const firstEdge = new Uint32Array(count + 1);
  for (let i = 0, e = 0; i < count; i++) {
    firstEdge[i] = e;
    e += nodes[i * nf + edgeCountAt] * ef;
  }
  firstEdge[count] = edges.length;
  const type = (i: number) => node_types[0][nodes[i * nf]];
  const name = (i: number) => strings[nodes[i * nf + 1]];
  const edgesOf = function* (i: number) {
    for (let e = firstEdge[i]; e < firstEdge[i + 1]; e += ef) yield { type: edge_types[0][edges[e]], name: edges[e + 1], to: edges[e + 2] / nf };
  };
  const named = (e: { type: string; name: number }, text: string) => e.type !== 'element' && e.type !== 'hidden' && strings[e.name] === text;
  const census: HeapCensus = { emitters: 0, listeners: 0, timers: 0 };
  for (let i = 0; i < count; i++) {
    if (type(i) !== 'object') continue;
    if (name(i) === 'Timeout') {
      // A cleared or fired timer is marked destroyed; what stays armed is what the timer lists still hold.
      for (const e of edgesOf(i)) if (named(e, '_destroyed') && name(e.to) === 'false') census.timers++;
      continue;
    }
    // esbuild may number a class name that another module also uses (Emitter2).
    if (!/^Emitter\d*$/.test(name(i))) continue;
    for (const e of edgesOf(i)) {
      if (!named(e, 'listeners') || name(e.to) !== 'Set') continue;
      census.emitters++;
      for (const t of edgesOf(e.to)) {
        if (!named(t, 'table')) continue;
        for (const x of edgesOf(t.to)) if (type(x.to) === 'closure') census.listeners++;
      }
    }
  }
  return census;
}
