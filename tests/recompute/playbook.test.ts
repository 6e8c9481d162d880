import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYBOOK, defaultPlaybook, defaultPlaybookRows, parsePlaybook, playbookAction, playbookFromSheet, urgency } from '../../src/core/playbook';

const en = defaultPlaybook('en');

describe('the default playbook', () => {
  it('has every row in English and Chinese', () => {
    for (const r of DEFAULT_PLAYBOOK) {
      expect(r.en.trim()).not.toBe('');
      expect(r.zh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(defaultPlaybookRows('zh')[0]).toEqual(['任意', '萌芽期', '私域', DEFAULT_PLAYBOOK[0].zh]);
    expect(defaultPlaybookRows('en').every((r) => r.length === 4)).toBe(true);
  });

  it.each([
    ['regular', 'sprout', 'private', /^Coaching/],
    ['regular', 'sprout', 'public', /^Direction and resources/],
    ['potential', 'active', 'private', /^Coaching and a stage/],
    ['candidate', 'active', 'public', /^Direction and resources/],
    ['potential', 'mature', 'public', /^Growth challenge/],
    ['core', 'mature', 'private', /^Co-creation:/],
    ['core', 'active', 'public', /^Direction/], // a newcomer's needs come first, even for Core
    ['core', 'transition', 'public', /^Thank them/],
    ['regular', 'transition', 'private', /^Thank them/],
    ['regular', 'mature', 'public', /^Co-creation and mentoring/],
    ['core', 'alumni', 'public', /^Keep the bond/],
    ['candidate', 'mature', '', /^Co-creation and mentoring/],
  ] as const)('%s × %s × %s', (tier, stage, source, expected) => {
    expect(playbookAction(en, tier, stage, source)).toMatch(expected);
  });

  it('answers every tier × stage × source', () => {
    for (const tier of ['core', 'potential', 'regular', 'candidate'] as const)
      for (const stage of ['sprout', 'active', 'mature', 'transition', 'alumni'] as const)
        for (const source of ['public', 'private', ''] as const) expect(playbookAction(en, tier, stage, source)).not.toBe('');
  });
});

describe('parsePlaybook', () => {
  it('reads the team’s rows in either language, blanks and * as Any', () => {
    const { rules, problems } = parsePlaybook(
      [
        ['核心', '', '*', 'Core thing'],
        ['Any', 'Sprout', '私域', 'Private sprout thing'],
        ['', '', '', ''],
      ],
      'en',
    );
    expect(problems).toEqual([]);
    expect(rules).toEqual([
      { tier: 'core', stage: 'any', source: 'any', action: 'Core thing' },
      { tier: 'any', stage: 'sprout', source: 'private', action: 'Private sprout thing' },
    ]);
    expect(playbookAction(rules, 'core', 'sprout', 'private')).toBe('Private sprout thing'); // more specific wins
    expect(playbookAction(rules, 'core', 'active', 'public')).toBe('Core thing');
    expect(playbookAction([...rules, { tier: 'any', stage: 'active', source: 'any', action: 'Later' }], 'core', 'active', 'public')).toBe('Core thing'); // equally specific: first wins
    expect(playbookAction(rules, 'regular', 'active', 'public')).toBe('');
  });

  it('skips and reports a row it cannot read; an empty sheet falls back to the defaults', () => {
    const { rules, problems } = parsePlaybook([['Gold', 'Sprout', 'Any', 'x'], ['Core', 'Sprout', 'Any', '']], 'en');
    expect(problems).toEqual([
      'Playbook row 2: Tier "Gold" is not understood; row skipped',
      'Playbook row 3: no Action; row skipped',
      'The Playbook has no usable row; the built-in playbook was used',
    ]);
    expect(rules).toEqual(en);
    expect(parsePlaybook([], 'zh').rules).toEqual(defaultPlaybook('zh'));
  });

  it('reports a row repeating an earlier one (the first is used), and reads 核心层-style tier names', () => {
    const { rules, problems } = parsePlaybook(
      [
        ['Potential', 'Active', 'Public', 'FIRST'],
        ['potential ', 'ACTIVE', 'public', 'SECOND'],
        ['核心层', '任意', '任意', 'CORE'],
      ],
      'en',
    );
    expect(problems).toEqual(['Playbook row 3 has the same tier, stage and source as row 2; row 2 is used']);
    expect(rules.map((r) => r.action)).toEqual(['FIRST', 'CORE']);
  });

  it('uses the built-in playbook, and says so, without the sheet or one of its columns', () => {
    const map = (keys: string[]) => ({ index: Object.fromEntries(keys.map((k, i) => [k, i])), duplicates: [], extra: [] }) as never;
    const team = [['Any', 'Any', 'Any', 'TEAM']];
    expect(playbookFromSheet({ map: map(['tier', 'stage', 'source', 'action']), rows: team }, 'en').rules.map((r) => r.action)).toEqual(['TEAM']);
    // A renamed Tier column read as "Any" would give every KOC the Core rows' actions.
    expect(playbookFromSheet({ map: map(['stage', 'source', 'action']), rows: team }, 'en')).toEqual({
      rules: en,
      problems: ['The Playbook has no column Tier; the built-in playbook was used. Name the column back or run Set up workbook.'],
    });
    expect(playbookFromSheet(undefined, 'zh')).toEqual({
      rules: defaultPlaybook('zh'),
      problems: ['找不到工作表“行动手册”，已改用内置行动手册。请改回原名，或运行“设置工作簿”。'],
    });
  });
});

describe('urgency', () => {
  const base = { openIncidents: 0, followUpStatus: 'ok' as const, silentDays: 3, silentLimit: 30 };
  it('puts a high incident first, then an overdue follow-up, then silence', () => {
    expect(urgency({ ...base, highestOpenSeverity: 'critical', followUpStatus: 'overdue', silentDays: 99 })).toBe('incident');
    expect(urgency({ ...base, highestOpenSeverity: 'high' })).toBe('incident');
    expect(urgency({ ...base, highestOpenSeverity: 'medium', followUpStatus: 'overdue' })).toBe('overdue');
    expect(urgency({ ...base, silentDays: 30 })).toBe('silent');
    expect(urgency({ ...base, silentDays: 29 })).toBeUndefined();
    expect(urgency({ ...base, silentDays: undefined })).toBeUndefined();
  });
});
