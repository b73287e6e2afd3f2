/**
 * The layering the code relies on, checked on every import (type-only ones included): shared/ and
 * client/ import nothing from server/, and the server's domains (its folders) import one another
 * without a cycle. app.ts and main.ts put everything together and may import any domain.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const COMPOSITION = new Set(['server/app.ts', 'server/main.ts']);

function files(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(`${dir}/${e.name}`) : /\.tsx?$/u.test(e.name) ? [`${dir}/${e.name}`] : [],
  );
}

/** Every module a file imports, as a path from the project root. */
function imports(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/gu)].map((m) => m[1]!);
  return specifiers.map((s) =>
    path
      .relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), s))
      .split(path.sep)
      .join('/'),
  );
}

/** Every cycle in a directed graph, as 'a -> b -> a'. */
function findCycles(graph: Map<string, Set<string>>): string[] {
  const cycles: string[] = [];
  const visit = (node: string, trail: string[]) => {
    if (trail.includes(node)) return void cycles.push([...trail.slice(trail.indexOf(node)), node].join(' -> '));
    for (const next of graph.get(node) ?? []) visit(next, [...trail, node]);
  };
  for (const node of graph.keys()) visit(node, []);
  return cycles;
}

/** server/review/actions.ts -> review; a file at the top (errors.ts, logger.ts ...) is a node of its own. */
const domainOf = (file: string) => (file.split('/').length > 2 ? file.split('/')[1]! : file);

describe('layers', () => {
  it('shared/ and client/ import nothing from server/', () => {
    const offending = [...files('shared'), ...files('client')].flatMap((f) =>
      imports(f)
        .filter((i) => i.startsWith('server/'))
        .map((i) => `${f} -> ${i}`),
    );
    expect(offending).toEqual([]);
  });

  it('the server’s domains import one another without a cycle', () => {
    const graph = new Map<string, Set<string>>();
    for (const f of files('server').filter((f) => !COMPOSITION.has(f))) {
      const from = domainOf(f);
      for (const i of imports(f).filter((i) => i.startsWith('server/'))) {
        const to = domainOf(i);
        if (to !== from) (graph.get(from) ?? graph.set(from, new Set()).get(from)!).add(to);
      }
    }
    expect(graph.size).toBeGreaterThan(5);
    expect(findCycles(graph)).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    expect(
      findCycles(
        new Map([
          ['payments', new Set(['review'])],
          ['review', new Set(['payments'])],
        ]),
      ),
    ).toContain('payments -> review -> payments');
  });
});
