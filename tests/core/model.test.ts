import { describe, expect, it } from 'vitest';
import { DEFAULT_CALIBRATION } from '../../src/core/defaults';
import { emptyKoc } from '../../src/core/record';
import { scoreContextOf, scoreKoc } from '../../src/core/score';
import { defaultSettingsRows, parseSettings } from '../../src/core/settings';
import { tierFacts, tierOf } from '../../src/core/tier';

const TODAY = 20_000;

describe('Settings rows of the value model', () => {
  it('are written by setup in both languages and read back to the defaults', () => {
    const en = defaultSettingsRows('en');
    const zh = defaultSettingsRows('zh');
    for (const label of ['Full at · Followers', 'Zero at · Days since last post', 'Unknown dimension counts as', 'Minimum dimensions for a tier', 'Core floor · Activity', 'Response days · Critical'])
      expect(en.map((r) => r[0])).toContain(label);
    expect(zh.map((r) => r[0])).toContain('满分值·粉丝数');
    // The defaults, with the workbook's language stored (setup decides it once).
    expect(parseSettings(en).settings).toEqual({ ...parseSettings([]).settings, language: 'en' });
    expect(parseSettings(zh).settings).toEqual({ ...parseSettings([]).settings, language: 'zh' });
  });

  it('recalibrate a curve: 10k followers is full on a niche programme', () => {
    const { settings } = parseSettings([['Full at · Followers', 10_000]]);
    const koc = { ...emptyKoc(), followers: 10_000 };
    expect(scoreKoc(koc, scoreContextOf(settings, TODAY)).dimensions.influence).toBe(100);
    expect(scoreKoc(koc, scoreContextOf(parseSettings([]).settings, TODAY)).dimensions.influence).toBe(80);
  });

  it('refuse a curve with no slope, naming the row, in the Settings language', () => {
    const en = parseSettings([['Full at · Followers', 0]]);
    expect(en.settings.calibration.followersFull).toBe(DEFAULT_CALIBRATION.followersFull);
    expect(en.problems[0]).toMatch(/^Full at · Followers: "0" makes a curve with no slope/);
    const zh = parseSettings([['语言', 'zh'], ['零分值·相对粉丝量的互动', 0]]);
    expect(zh.problems[0]).toMatch(/^满分值·相对粉丝量的互动：/);
    expect(zh.settings.calibration.relativeZero).toBe(DEFAULT_CALIBRATION.relativeZero);
  });

  it('move the evidence rule and the floors', () => {
    const koc = { ...emptyKoc(), followers: 100_000, likes: 5000, posts30d: 12, quality: 5 };
    const base = parseSettings([]).settings;
    const facts = tierFacts(koc, scoreContextOf(base, TODAY));
    expect(facts.evidence).toBe(5); // influence, engagement, activity, content, potential
    // 79.9 with Conversion and Brand fit counted as 25; contribution is Content alone (100).
    expect(facts.score).toBe(79.9);
    expect(tierOf(facts, base)).toBe('core');
    const floors = parseSettings([['Core floor · Contribution', 101 - 1]]).settings;
    expect(tierOf(tierFacts(koc, scoreContextOf(floors, TODAY)), floors)).toBe('core');
    const score80 = parseSettings([['Tier threshold · Core', 80]]).settings;
    expect(tierOf(tierFacts(koc, scoreContextOf(score80, TODAY)), score80)).toBe('potential');
    const strict = parseSettings([['Minimum dimensions for a tier', 6]]).settings;
    expect(tierOf(tierFacts(koc, scoreContextOf(strict, TODAY)), strict)).toBe('candidate');
  });
});
