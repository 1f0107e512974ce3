// The root API (lib/index.ts) stays small and documented: every exported name has a doc comment.
import { expect } from 'chai';
import { join, resolve } from 'node:path';
import ts from 'typescript';

const repo = resolve(import.meta.dirname, '../..');

const ENTRIES = ['lib/index.ts', 'lib/sim/index.ts', 'lib/monitoring/index.ts', 'lib/remote/index.ts', 'lib/testing.ts'].map((entry) => join(repo, entry));
let shared: ts.Program | undefined;
/** One program over every entry (type-checking the library once, not per entry). */
const program = (): ts.Program =>
  (shared ??= ts.createProgram(ENTRIES, { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, noEmit: true }));

/** Exported names of an entry file with the documentation of what each resolves to. */
function exportsOf(entry: string): { readonly name: string; readonly documented: boolean }[] {
  const checker = program().getTypeChecker();
  const source = program().getSourceFile(entry);
  if (source === undefined) throw new Error(`cannot read ${entry}`);
  const module = checker.getSymbolAtLocation(source);
  if (module === undefined) throw new Error(`${entry} is not a module`);
  return checker.getExportsOfModule(module).map((symbol) => {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    const documented = ts.displayPartsToString(target.getDocumentationComment(checker)).trim().length > 0;
    return { name: symbol.getName(), documented };
  });
}

describe('the public API', function () {
  this.timeout(120_000);

  it('exports at most 100 names from the root, each with a doc comment', () => {
    const names = exportsOf(join(repo, 'lib/index.ts'));
    expect(names.length).to.be.within(40, 100);
    expect(names.filter((n) => !n.documented).map((n) => n.name)).to.deep.equal([]);
  });

  it('documents every name of the subpaths ib-rx/sim, ib-rx/monitoring, ib-rx/remote and ib-rx/testing', () => {
    for (const entry of ['lib/sim/index.ts', 'lib/monitoring/index.ts', 'lib/remote/index.ts', 'lib/testing.ts']) {
      const undocumented = exportsOf(join(repo, entry)).filter((n) => !n.documented).map((n) => n.name);
      expect(undocumented, entry).to.deep.equal([]);
    }
  });
});
