/**
 * The import rules, checked over every source file (type-only imports included):
 *   1. no import cycles;
 *   2. each layer imports only the layers below it (LAYERS; docs/ARCHITECTURE.md explains why).
 * Prints each cycle and each forbidden import; exits 1 when there is any.
 *   npx tsx scripts/check-imports.ts
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');

/**
 * Each layer and the layers it may import (its own included). `src/core` (pure rules) and
 * `src/sheets` (the schema and header-mapped tables) use each other file by file, never in a
 * cycle; `src/contract` is the sidebar's contract with the server; nothing in src imports the
 * sidebar, the emulator, the preview or the scripts; the emulator stands alone, as Apps Script does.
 */
export const LAYERS: Record<string, readonly string[]> = {
  'src/sheets': ['src/sheets', 'src/core'],
  'src/core': ['src/core', 'src/sheets'],
  'src/contract': ['src/contract', 'src/core', 'src/sheets'],
  'src/server': ['src/server', 'src/contract', 'src/core', 'src/sheets'],
  sidebar: ['sidebar', 'src/contract', 'src/core', 'src/sheets'],
  emulator: ['emulator'],
  preview: ['preview', 'emulator', 'sidebar', 'src', 'scripts'],
  scripts: ['scripts', 'emulator', 'preview', 'sidebar', 'src', 'tests/helpers'],
};

const SOURCE_DIRS = ['src', 'sidebar', 'emulator', 'preview', 'scripts'];
const EXTENSIONS = ['.ts', '.tsx'];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (EXTENSIONS.some((e) => name.endsWith(e)) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The file a relative specifier names, or undefined (a package, or not a source file). */
function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => join(base, `index${e}`))])
    if (existsSync(candidate) && statSync(candidate).isFile() && EXTENSIONS.some((e) => candidate.endsWith(e))) return candidate;
  return undefined;
}

/** Every relative import and re-export of a file, `import type` included. */
function importsOf(file: string): string[] {
  const out: string[] = [];
  for (const spec of specifiersOf(readFileSync(file, 'utf8'))) {
    const target = resolveImport(file, spec);
    if (target) out.push(target);
  }
  return out;
}

/** Words after which a `/` starts a regular expression, not a division. */
const REGEX_AFTER_WORD = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'yield', 'await']);

/**
 * The module specifiers a TypeScript file names: `import … from '…'`, `import '…'`, `export … from
 * '…'`, `import('…')`, `typeof import('…')` and `declare module '…'`, type-only ones included. A
 * scanner, not a parser: it steps over comments and the insides of strings, templates and regular
 * expressions, so text that only reads like an import does not count.
 */
export function specifiersOf(text: string): string[] {
  const out: string[] = [];
  // The last two significant tokens (a word, or one punctuation character).
  let last = '';
  let before = '';
  const token = (t: string) => {
    before = last;
    last = t;
  };
  let i = 0;
  const skipString = (quote: string): string => {
    const start = ++i;
    while (i < text.length && text[i] !== quote && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
    return text.slice(start, i++);
  };
  // Code up to the `}` that closes a template's `${` (depth 0), or to the end.
  const code = (inTemplate: boolean): void => {
    let depth = 0;
    while (i < text.length) {
      const c = text[i];
      if (c === '/' && text[i + 1] === '/') i = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
      else if (c === '/' && text[i + 1] === '*') i = text.indexOf('*/', i + 2) < 0 ? text.length : text.indexOf('*/', i + 2) + 2;
      else if (c === "'" || c === '"') {
        const value = skipString(c);
        if (last === 'from' || last === 'import' || (last === '(' && before === 'import') || (last === 'module' && before === 'declare')) out.push(value);
        token('string');
      } else if (c === '`') {
        i++;
        while (i < text.length && text[i] !== '`') {
          if (text[i] === '\\') i += 2;
          else if (text[i] === '$' && text[i + 1] === '{') {
            i += 2;
            code(true);
          } else i++;
        }
        i++;
        token('string');
      } else if (c === '/' && (/^[^\w)\]]$/.test(last) || last === '' || REGEX_AFTER_WORD.has(last))) {
        let inClass = false;
        for (i++; i < text.length && text[i] !== '\n' && (inClass || text[i] !== '/'); i++) {
          if (text[i] === '\\') i++;
          else if (text[i] === '[') inClass = true;
          else if (text[i] === ']') inClass = false;
        }
        i++;
        token('regex');
      } else if (/[\w$]/.test(c)) {
        const start = i;
        while (i < text.length && /[\w$]/.test(text[i])) i++;
        token(text.slice(start, i));
      } else if (/\s/.test(c)) i++;
      else {
        if (c === '{') depth++;
        if (c === '}' && depth-- === 0 && inTemplate) {
          i++;
          return;
        }
        token(c);
        i++;
      }
    }
  };
  code(false);
  return out;
}

/** The layer a repository path belongs to (the longest prefix in LAYERS). */
function layerOf(path: string): string | undefined {
  let best: string | undefined;
  for (const layer of Object.keys(LAYERS)) if ((path === layer || path.startsWith(`${layer}/`)) && (!best || layer.length > best.length)) best = layer;
  if (!best && path.startsWith('tests/helpers/')) return 'tests/helpers';
  return best;
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, idx.get(w) ?? 0));
    }
    if (low.get(v) === idx.get(v)) {
      const component: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

export function checkImports(root = ROOT): { cycles: string[][]; forbidden: string[] } {
  const files = SOURCE_DIRS.flatMap((d) => sourceFiles(join(root, d)));
  const graph = new Map<string, string[]>();
  for (const f of files) graph.set(relative(root, f), importsOf(f).map((t) => relative(root, t)));
  const forbidden: string[] = [];
  for (const [from, targets] of graph) {
    const layer = layerOf(from);
    if (!layer) continue;
    for (const to of targets) {
      const target = layerOf(to);
      const allowed = LAYERS[layer];
      if (!target || !allowed.some((a) => target === a || target.startsWith(`${a}/`)))
        forbidden.push(`${from} → ${to} (${layer} may import only ${allowed.join(', ')})`);
    }
  }
  return { cycles: cycles(graph), forbidden };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const { cycles: found, forbidden } = checkImports();
  for (const c of found) console.error(`Import cycle: ${c.join(' ↔ ')}`);
  for (const f of forbidden) console.error(`Forbidden import: ${f}`);
  if (found.length || forbidden.length) process.exit(1);
  console.log('Imports: no cycles, every layer imports only what it may.');
}
