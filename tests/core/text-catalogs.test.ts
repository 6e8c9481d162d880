/**
 * The three text catalogs (src/core/text.json: the add-on; sidebar/text.json; preview/text.json):
 * every entry says something in English and in Chinese, and both languages take the same
 * `{placeholders}`, so no filled value goes missing, and no `{name}` shows raw, in one of them.
 */
import { describe, expect, it } from 'vitest';
import { PREVIEW_TEXT } from '../../preview/text';
import { UI } from '../../sidebar/text';
import { fill, TEXT } from '../../src/core/text';

const placeholders = (text: string) => [...new Set(Array.from(text.matchAll(/\{(\w+)\}/g), (m) => m[1]))].sort();

describe.each([
  ['src/core/text.json', TEXT],
  ['sidebar/text.json', UI],
  ['preview/text.json', PREVIEW_TEXT],
] as const)('%s', (_file, catalog) => {
  const entries = Object.entries(catalog as Record<string, Record<string, unknown>>);

  it('has an English and a Chinese text for every key, and nothing else', () => {
    expect(entries.length).toBeGreaterThan(50);
    for (const [key, entry] of entries) {
      expect(Object.keys(entry).sort(), key).toEqual(['en', 'zh']);
      for (const lang of ['en', 'zh']) expect(String(entry[lang]).trim(), `${key}.${lang}`).not.toBe('');
    }
  });

  it('takes the same placeholders in both languages', () => {
    for (const [key, entry] of entries) expect(placeholders(String(entry.zh)), key).toEqual(placeholders(String(entry.en)));
  });
});

describe('fill', () => {
  it('fills every placeholder with a value and keeps one without', () => {
    expect(fill('{a} of {b}, {a} again; {c}', { a: 1, b: 'two' })).toBe('1 of two, 1 again; {c}');
    expect(fill('{n} 天', { n: 0 })).toBe('0 天');
  });
});
