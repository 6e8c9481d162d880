import { describe, expect, it } from 'vitest';
import { runInNewContext } from 'node:vm';
import { countDaysIn, dateOfDay, dayNumber, daysBetween, isDate, readDate, readDatesFor, readDay } from '../../src/core/dates';

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
    ['2024年5月1号', '2024-05-01'],
    ['2024 年 5 月 1 日', '2024-05-01'],
    ['２０２４年５月１日', '2024-05-01'],
    ['2024年５月１日', '2024-05-01'],
    ['２０２４／５／１', '2024-05-01'],
    ['\u30002024年5月1日\u3000', '2024-05-01'],
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

  it('a date written without its year is in the year of the day it is read for, and not a date without one', () => {
    const day = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86400000;
    expect(readDay('3月1日')).toBeNaN();
    expect(readDay('3月1日', day('2026-11-23'))).toBe(day('2026-03-01'));
    try {
      readDatesFor(day('2025-06-30'));
      expect(readDay('3月1日')).toBe(day('2025-03-01'));
      expect(readDay('１２月３１号')).toBe(day('2025-12-31'));
      expect(readDay('2 月 30 日')).toBeNaN();
      expect(readDate('12月1日')?.getTime()).toBe(dateOfDay(day('2025-12-01')).getTime());
    } finally {
      readDatesFor(undefined);
    }
    expect(readDay('3月1日')).toBeNaN();
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

describe('days counted in another time zone than the runtime’s', () => {
  /** A zone's offset in minutes at an instant, as Apps Script's Utilities.formatDate(…, 'Z') gives it. */
  const offsetIn = (timeZone: string) => {
    const format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    return (ms: number) => {
      const p = Object.fromEntries(format.formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]));
      return Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000) / 60_000);
    };
  };

  it.each(['America/Santiago', 'America/Havana', 'America/New_York', 'Pacific/Auckland', 'Europe/London', 'Asia/Shanghai'])(
    'every day from 2020 to 2027 round-trips, including summer time starting at midnight (%s)',
    (zone) => {
      const offset = offsetIn(zone);
      countDaysIn(offset);
      try {
        const first = Date.UTC(2020, 0, 1) / 86_400_000;
        const wrong: string[] = [];
        for (let day = first; day < first + 8 * 366; day++) {
          const date = dateOfDay(day);
          const wall = new Date(date.getTime() + offset(date.getTime()) * 60_000);
          // The day itself, at its first instant: midnight, or 01:00 where midnight was skipped.
          if (dayNumber(date) !== day || wall.getUTCHours() > 1) wrong.push(new Date(day * 86_400_000).toISOString().slice(0, 10));
        }
        expect(wrong).toEqual([]);
      } finally {
        countDaysIn(null);
      }
    },
  );
});
