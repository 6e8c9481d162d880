/**
 * The top-level functions Apps Script needs: one per registry entry, with its JSDoc (esbuild
 * drops comments, and Sheets reads `@customfunction` help from the script file itself).
 */
import type { PublicFunction } from '../src/server/registry-types';

export function renderJsDoc(fn: PublicFunction): string {
  const lines = [fn.summary, ''];
  if (fn.example) lines.push(`Example: ${fn.example}`, '');
  for (const p of fn.params) {
    const name = p.optional ? `[${p.name}]` : p.name;
    lines.push(`@param {${p.type}} ${name} ${p.description}`);
  }
  if (fn.returns) lines.push(`@return {${fn.returns.type}} ${fn.returns.description}`);
  if (fn.kind === 'customFunction') lines.push('@customfunction');
  if (lines[lines.length - 1] === '') lines.pop();
  return ['/**', ...lines.map((l) => (l ? ` * ${l}` : ' *')), ' */'].join('\n');
}

export function renderStub(fn: PublicFunction, bundleGlobal: string): string {
  const names = fn.params.map((p) => p.name).join(', ');
  return `${renderJsDoc(fn)}\nfunction ${fn.name}(${names}) {\n  return ${bundleGlobal}.api.${fn.name}(...arguments);\n}\n`;
}

export function renderStubs(registry: readonly PublicFunction[], bundleGlobal: string): string {
  const seen = new Set<string>();
  for (const fn of registry) {
    if (!/^[A-Za-z_$][\w$]*$/.test(fn.name)) throw new Error(`Registry: "${fn.name}" is not a valid function name`);
    if (seen.has(fn.name)) throw new Error(`Registry: "${fn.name}" is registered twice`);
    seen.add(fn.name);
    for (const p of fn.params) if (!/^[A-Za-z_$][\w$]*$/.test(p.name)) throw new Error(`Registry: ${fn.name} has a bad parameter name "${p.name}"`);
  }
  return registry.map((fn) => renderStub(fn, bundleGlobal)).join('\n');
}
