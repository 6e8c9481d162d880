import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { quote, readNumber, round } from '../../src/core/numbers';

describe('readNumber: counts and rates as platforms show them', () => {
  it.each([
    [12000, 12000],
    ['12000', 12000],
    ['12,000', 12000],
    ['1,234,567.5', 1234567.5],
    ['1.2万', 12000],
    ['1.2w', 12000],
    ['1.2W', 12000],
    ['1.2亿', 120000000],
    ['3.4k', 3400],
    ['3.4K', 3400],
    ['1.2M', 1200000],
    ['3.5%', 0.035],
    ['３.５％', 0.035],
    ['１２，０００', 12000],
    ['１.２万', 12000],
    ['  12 000 ', 12000],
    ['1.2 万', 12000],
    ['10万+', 100000],
    ['.5', 0.5],
    ['-3', -3],
    ['0', 0],
  ])('%j → %j', (input, expected) => {
    expect(readNumber(input)).toBe(expected);
  });

  it.each(['', '—', '-', '--', 'N/A', 'n/a', '#N/A', '  ', '　', null, undefined])('%j is missing', (input) => {
    expect(readNumber(input)).toBeUndefined();
  });

  it.each(['abc', '1,5', '12,00', '1.2.3', '万', 'k', '1.2万万', '3%%', true, new Date(), Number.NaN, Number.POSITIVE_INFINITY, {}])('%j is a bad value', (input) => {
    expect(readNumber(input)).toBeNaN();
  });

  it('never throws and reads every finite number as itself', () => {
    fc.assert(fc.property(fc.anything(), (x) => {
      const n = readNumber(x);
      expect(n === undefined || typeof n === 'number').toBe(true);
    }));
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
      expect(readNumber(x)).toBe(x);
    }));
    fc.assert(fc.property(fc.nat(), (x) => {
      expect(readNumber(String(x))).toBe(x);
      expect(readNumber(x.toLocaleString('en-US'))).toBe(x);
    }));
  });
});

describe('helpers', () => {
  it('quotes values short', () => {
    expect(quote('abc')).toBe('"abc"');
    expect(quote(-5)).toBe('-5');
    expect(quote('x'.repeat(50))).toHaveLength(32);
  });
  it('rounds without float noise', () => {
    expect(round(0.1 + 0.2, 1)).toBe(0.3);
    expect(round(72.25, 1)).toBe(72.3);
  });
});

describe('readNumber: the numbers teams paste', () => {
  it.each([
    ['¥600', 600],
    ['￥1,200', 1200],
    ['500元', 500],
    ['RMB 600', 600],
    ['600 RMB', 600],
    ['$1.2K', 1200],
    ['¥1.5万', 15000],
    ['-¥5', -5],
    ['¥500元', 500],
    ['1.2萬', 12000],
    ['3億', 300000000],
    ['1.5千', 1500],
    ['29.0b', 29000000000],
    ['1.2万+', 12000],
    ['−5', -5],
    ['－5', -5],
    ['1e4', 10000],
    ['1.5E+3', 1500],
    ['2.5e-1', 0.25],
    ['1.234.567', 1234567],
    ['1.234,5', 1234.5],
    ['1.234.567,89', 1234567.89],
  ])('%j → %j', (input, expected) => {
    expect(readNumber(input)).toBe(expected);
  });

  it.each(['None', 'NaN', 'NaN%', 'nan', 'NULL', 'null', 'N/A', '-', '—'])('%j (an export placeholder) is blank', (input) => {
    expect(readNumber(input)).toBeUndefined();
  });

  it.each(['¥', '元', '$abc', '1e', 'e4', '1e999', '¥1,5', 'RMB-'])('%j is still a bad value', (input) => {
    expect(readNumber(input)).toBeNaN();
  });
});
