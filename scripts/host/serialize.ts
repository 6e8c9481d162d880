/**
 * What google.script.run can carry (Apps Script's HTML service guide, "Parameters and return
 * values"): primitives (number, boolean, string, null) and objects and arrays made of them. A
 * Date, a function, a DOM element (other than a form as the only argument) or a circular
 * reference — anywhere inside — makes the call fail; `undefined` inside an array becomes null.
 * Return values follow the same rules; in practice an illegal return value reaches the success
 * handler as null, and that is what the harness does.
 *
 * The harness is stricter in one place, on purpose: with `strictUndefined` (the default in the
 * browser shim) an `undefined` anywhere in the arguments is refused too, so a sidebar never comes
 * to rely on the silent undefined → null / dropped-key conversion.
 *
 * `checkScriptValue` is self-contained (no imports, no closures) because the browser shim embeds
 * its source text.
 */

export interface IllegalValue {
  /** `0`, `0.kocIds.2`: the argument index, then the path inside it. */
  path: string;
  kind: 'Date' | 'function' | 'DOM element' | 'circular reference' | 'symbol' | 'bigint' | 'undefined';
}

export function checkScriptValue(value: unknown, strictUndefined = false): IllegalValue | null {
  const stack: unknown[] = [];
  const walk = (v: unknown, path: string): IllegalValue | null => {
    if (v === null) return null;
    const type = typeof v;
    if (type === 'undefined') return strictUndefined ? { path, kind: 'undefined' } : null;
    if (type === 'function') return { path, kind: 'function' };
    if (type === 'symbol') return { path, kind: 'symbol' };
    if (type === 'bigint') return { path, kind: 'bigint' };
    if (type !== 'object') return null;
    // Tag checks work across realms (a Date from the script's V8 context is not `instanceof Date` here).
    const tag = Object.prototype.toString.call(v);
    if (tag === '[object Date]') return { path, kind: 'Date' };
    if (typeof (v as { nodeType?: unknown }).nodeType === 'number' && typeof (v as { nodeName?: unknown }).nodeName === 'string') return { path, kind: 'DOM element' };
    if (stack.indexOf(v) >= 0) return { path, kind: 'circular reference' };
    stack.push(v);
    const keys = Array.isArray(v) ? v.map((_, i) => String(i)) : Object.keys(v as object);
    for (let i = 0; i < keys.length; i++) {
      const inner = walk((v as Record<string, unknown>)[keys[i]], path === '' ? keys[i] : `${path}.${keys[i]}`);
      if (inner) return inner;
    }
    stack.pop();
    return null;
  };
  return walk(value, '');
}
