import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/core/dates';
import { stageFor, type StageInput, stageLabel, stageWithReason } from '../../src/core/stage';

const NOW = new Date(2025, 5, 30);
const TODAY = dayNumber(NOW);
const daysAgo = (n: number) => new Date(2025, 5, 30 - n);
const koc = (over: Partial<StageInput>): StageInput => ({ status: 'active', joined: undefined, posts30d: undefined, lastPost: undefined, ...over });

describe('stageFor (default rules: sprout 30 d, mature 180 d, silent 60 d, active ≥ 2 posts / 30 d)', () => {
  it.each([
    ['Alumni status', koc({ status: 'alumni', joined: daysAgo(400), posts30d: 9 }), 'alumni'],
    ['a Candidate', koc({ status: 'candidate', joined: daysAgo(400) }), 'sprout'],
    ['no status, no join date', koc({ status: undefined }), 'sprout'],
    ['Paused', koc({ status: 'paused', joined: daysAgo(400), posts30d: 9 }), 'transition'],
    ['joined 10 days ago', koc({ joined: daysAgo(10), posts30d: 0 }), 'sprout'],
    ['joined 10 days ago, long silent', koc({ joined: daysAgo(10), lastPost: daysAgo(100) }), 'sprout'],
    ['silent for 60 days', koc({ joined: daysAgo(90), lastPost: daysAgo(60) }), 'transition'],
    ['joined 200 days ago and posting', koc({ joined: daysAgo(200), posts30d: 4, lastPost: daysAgo(2) }), 'mature'],
    ['joined 200 days ago, posts unknown but posted last week', koc({ joined: daysAgo(200), lastPost: daysAgo(7) }), 'mature'],
    ['joined 200 days ago, no posts this month', koc({ joined: daysAgo(200), posts30d: 0 }), 'transition'],
    ['joined 200 days ago, 1 post this month', koc({ joined: daysAgo(200), posts30d: 1 }), 'active'],
    ['joined 100 days ago', koc({ joined: daysAgo(100), posts30d: 5 }), 'active'],
    ['active, join date unknown', koc({ posts30d: 5 }), 'active'],
    ['no status but a join date', koc({ status: undefined, joined: daysAgo(60) }), 'active'],
  ])('%s → %s', (_, input, stage) => {
    expect(stageFor(input, TODAY)).toBe(stage);
  });

  it('takes other thresholds', () => {
    const rules = { sproutDays: 7, matureDays: 60, transitionSilentDays: 30, transitionPosts30d: 1, activePosts30d: 1, transitionWindowDays: 120 };
    expect(stageFor(koc({ joined: daysAgo(10), posts30d: 1 }), TODAY, rules)).toBe('active');
    expect(stageFor(koc({ joined: daysAgo(61), posts30d: 1 }), TODAY, rules)).toBe('mature');
  });

  it('says why, in both languages', () => {
    expect(stageWithReason(koc({ joined: daysAgo(90), lastPost: daysAgo(75) }), TODAY)).toEqual({
      stage: 'transition',
      reason: { en: 'No post for 75 days', zh: '75 天未发帖' },
    });
    expect(stageLabel('mature', 'zh')).toBe('成熟期');
  });
});
