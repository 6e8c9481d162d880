import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkImports, specifiersOf } from '../../scripts/check-imports';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'imports-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('the import check', () => {
  it('finds no cycle and no forbidden import in the repository', () => {
    expect(checkImports()).toEqual({ cycles: [], forbidden: [] });
  });

  it('reports a cycle made only of type imports', () => {
    const root = tree({
      'src/core/a.ts': "import type { B } from './b';\nexport type A = { b?: B };\n",
      'src/core/b.ts': "import type { A } from './a';\nexport type B = { a?: A };\n",
      'src/core/c.ts': "export { type A } from './a';\n",
    });
    expect(checkImports(root).cycles).toEqual([['src/core/a.ts', 'src/core/b.ts']]);
  });

  it('reports a re-export cycle through an index file and a layer imported upward', () => {
    const root = tree({
      'src/core/x/index.ts': "export * from '../y';\n",
      'src/core/y.ts': "import { z } from './x';\nexport const y = z;\n",
      'src/sheets/t.ts': "import { s } from '../server/s';\nexport const t = s;\n",
      'src/server/s.ts': 'export const s = 1;\n',
    });
    const found = checkImports(root);
    expect(found.cycles).toEqual([['src/core/x/index.ts', 'src/core/y.ts']]);
    expect(found.forbidden).toEqual(['src/sheets/t.ts → src/server/s.ts (src/sheets may import only src/sheets, src/core)']);
  });

  it('reads every form of import, and nothing that only looks like one in a comment, string, template or regular expression', () => {
    const text = [
      "// import a from './comment1'",
      "/* export * from './comment2' */",
      'const s = "from \'./string\'";',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template, on purpose
      "const t = `import('./template') ${f('./in-template')} ${{ a: 1 }.a} from './template2'`;",
      "const r = /'/, half = a / b / 2;",
      "import type { X } from './type-only';",
      'export * from "./re-export";',
      "let y: typeof import('./type-query');",
      "const m = await import('./dynamic');",
      "import './side-effect';",
      "declare module './augmented' {}",
      "export { z } from './after-regex';",
    ].join('\n');
    expect(specifiersOf(text)).toEqual(['./type-only', './re-export', './type-query', './dynamic', './side-effect', './augmented', './after-regex']);
  });
});
