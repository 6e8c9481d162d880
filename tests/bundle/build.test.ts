import { describe, expect, it } from 'vitest';
import { renderStubs } from '../../scripts/stubs';
import type { PublicFunction } from '../../src/server/registry-types';

const fn = (over: Partial<PublicFunction>): PublicFunction => ({
  name: 'X',
  kind: 'customFunction',
  summary: 'Does X.',
  params: [{ name: 'a', type: 'number', description: 'A number.' }],
  returns: { type: 'number', description: 'The result.' },
  impl: () => 0,
  ...over,
});

describe('stub generation', () => {
  it('renders optional parameters in brackets and marks custom functions', () => {
    const out = renderStubs([fn({ params: [{ name: 'a', type: 'A1:B2', description: 'Range.' }, { name: 'b', type: 'number', description: 'Opt.', optional: true }] })], 'B');
    expect(out).toContain(' * @param {A1:B2} a Range.\n * @param {number} [b] Opt.\n * @return {number} The result.\n * @customfunction\n */\nfunction X(a, b) {\n  return B.api.X(...arguments);\n}');
  });

  it('refuses duplicate names and names that are not identifiers', () => {
    expect(() => renderStubs([fn({}), fn({})], 'B')).toThrow(/registered twice/);
    expect(() => renderStubs([fn({ name: 'KOC-SCORE' })], 'B')).toThrow(/not a valid function name/);
    expect(() => renderStubs([fn({ params: [{ name: 'a b', type: 'x', description: 'y' }] })], 'B')).toThrow(/bad parameter name/);
  });

  it('does not mark menu items as custom functions', () => {
    expect(renderStubs([fn({ kind: 'menu', params: [], returns: undefined })], 'B')).not.toContain('@customfunction');
  });
});
