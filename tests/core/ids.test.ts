import { describe, expect, it } from 'vitest';
import { firstRowOfEachId } from '../../src/core/ids';

describe('the first row of a KOC ID is the KOC', () => {
  it('indexes first rows only, trims IDs, skips blanks, honours the span', () => {
    const rows = [['ID'], [' K1 '], ['K2'], [''], ['K1'], [42], ['K2 ']];
    expect([...firstRowOfEachId(rows, 0, 1)]).toEqual([['K1', 1], ['K2', 2], ['42', 5]]);
    expect([...firstRowOfEachId(rows, 0, 3, 5)]).toEqual([['K1', 4]]);
    expect(firstRowOfEachId(rows, undefined).size).toBe(0);
  });
});
