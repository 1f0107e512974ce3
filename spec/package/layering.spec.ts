// The layering of lib/ (DESIGN.md): no import cycle between folders or between files, and the
// simulator imports nothing from the client side.
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, resolve } from 'node:path';

const lib = resolve(import.meta.dirname, '../../lib');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Relative imports of every file under lib/, as file → imported files (both relative to lib/). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sources(lib)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/from '(\.[^']+)'/g)].map((match) => {
      const target = normalize(join(dirname(file), match[1] ?? '')).replace(/\.js$/, '.ts');
      return relative(lib, target);
    });
    graph.set(relative(lib, file), targets);
  }
  return graph;
}

const folderOf = (file: string): string => (file.includes('/') ? (file.split('/')[0] ?? file) : `(${file})`);

/** Strongly connected components with more than one member (Tarjan). */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('the layering of lib/', () => {
  const graph = importGraph();

  it('has no import cycle between files', () => {
    expect(cycles(graph)).to.deep.equal([]);
  });

  it('has no import cycle between folders', () => {
    const folders = new Map<string, string[]>();
    for (const [file, targets] of graph) {
      const from = folderOf(file);
      const to = targets.map(folderOf).filter((folder) => folder !== from);
      folders.set(from, [...new Set([...(folders.get(from) ?? []), ...to])]);
    }
    expect(cycles(folders)).to.deep.equal([]);
  });

  it('keeps the simulator apart: lib/sim imports only lib/sim and self-contained files at lib/ (no ib-rx import of their own), and not @stoqey/ib', () => {
    /** A file at lib/ itself that imports nothing of ib-rx (Node only): the simulator may share it, as it drags no client code along. */
    const selfContained = (target: string): boolean => !target.includes('/') && (graph.get(target) ?? []).length === 0;
    const outside = [...graph].filter(([file]) => file.startsWith('sim/')).flatMap(([file, targets]) => targets.filter((t) => !t.startsWith('sim/') && !selfContained(t)).map((t) => `${file} → ${t}`));
    expect(outside).to.deep.equal([]);
    const stoqey = sources(join(lib, 'sim')).filter((file) => readFileSync(file, 'utf8').includes("'@stoqey/ib'"));
    expect(stoqey).to.deep.equal([]);
  });
});
