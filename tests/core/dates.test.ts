import { describe, expect, it } from 'vitest';
import { runInNewContext } from 'node:vm';
import { dateOfDay, dayNumber, daysBetween, isDate, readDate, readDay } from '../../src/core/dates';

describe('dates', () => {
  it('recognizes Dates from another realm, never invalid ones', () => {
    const foreign = runInNewContext('new Date(2024, 4, 1)');
    expect(foreign instanceof Date).toBe(false);
    expect(isDate(foreign)).toBe(true);
    expect(readDay(foreign)).toBe(dayNumber(new Date(2024, 4, 1)));
    expect(isDate(new Date('nope'))).toBe(false);
    expect(isDate('2024-05-01')).toBe(false);
  });

  it.each([
    ['2024-05-01', '2024-05-01'],
    ['2024/5/1', '2024-05-01'],
    ['2024.05.01', '2024-05-01'],
    ['2024年5月1日', '2024-05-01'],
    ['2024-05-01T10:30:00Z', '2024-05-01'],
    ['2024-05-01 10:30', '2024-05-01'],
    [' 2024-02-29 ', '2024-02-29'],
    [45413, '2024-05-01'], // a Sheets serial
  ])('%j is %s', (input, iso) => {
    expect(readDay(input)).toBe(Date.UTC(...(iso.split('-').map(Number).map((n, i) => (i === 1 ? n - 1 : n)) as [number, number, number])) / 86400000);
  });

  it.each(['2023-02-29', '2024-13-01', 'yesterday', '05/01/2024', 12, true])('%j is not a date', (input) => {
    expect(readDay(input)).toBeNaN();
    expect(readDate(input)).toBeNull();
  });

  it('blank is missing', () => {
    expect(readDay('')).toBeUndefined();
    expect(readDate(null)).toBeUndefined();
  });

  it('counts calendar days, whatever the clock or DST says', () => {
    // Spans the March and October/November DST changes of every zone that has them.
    expect(daysBetween(new Date(2024, 2, 1), new Date(2024, 3, 1))).toBe(31);
    expect(daysBetween(new Date(2024, 9, 1), new Date(2024, 10, 15))).toBe(45);
    expect(daysBetween(new Date(2024, 0, 1, 23, 59), new Date(2024, 0, 2, 0, 1))).toBe(1);
    expect(daysBetween(new Date(2024, 0, 2), new Date(2024, 0, 1))).toBe(-1);
    for (let d = 0; d < 800; d += 7) expect(dayNumber(dateOfDay(19000 + d))).toBe(19000 + d);
  });
});
