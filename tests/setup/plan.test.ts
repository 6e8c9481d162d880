/** The setup plan: what "Set up workbook" would change, computed from the workbook's state alone. */
import { describe, expect, it } from 'vitest';
import { defaultPlaybookRows } from '../../src/core/playbook';
import { defaultSettingsRows } from '../../src/core/settings';
import { headerLang } from '../../src/sheets/headers';
import { type Lang, SHEETS, sheetDef } from '../../src/sheets/schema';
import {
  a1,
  blockedSheets,
  formatSteps,
  planIsEmpty,
  planSetup,
  type PlanOptions,
  SETUP_ORDER,
  type SetupPlan,
  type SheetState,
  sheetsToInspect,
  type WorkbookState,
} from '../../src/sheets/setup-plan';

const opts = (lang: Lang, extra: Partial<PlanOptions> = {}): PlanOptions => ({
  lang,
  playbookRows: defaultPlaybookRows,
  dashboardPlaceholder: 'after the first recompute',
  protectionDescription: 'computed',
  ...extra,
});

/** A sheet state from its cell grid, the way the server reads it. */
function sheet(name: string, values: unknown[][], extra: Partial<SheetState> = {}): SheetState {
  let lastRow = 0;
  let lastColumn = 0;
  values.forEach((row, r) => {
    row.forEach((v, c) => {
      if (v !== '' && v !== undefined) {
        lastRow = Math.max(lastRow, r + 1);
        lastColumn = Math.max(lastColumn, c + 1);
      }
    });
  });
  const grid = values.slice(0, lastRow).map((r) => Array.from({ length: lastColumn }, (_, i) => r[i] ?? ''));
  return { name, lastRow, lastColumn, header: grid[0] ?? [], values: grid, maxRows: 1000, protections: [], ...extra };
}

const EMPTY: WorkbookState = { sheets: [sheet('Sheet1', [])], weightsRange: null };

/** Apply a plan to a state in memory: what the workbook looks like after setup. */
function applied(state: WorkbookState, plan: SetupPlan): WorkbookState {
  const grids = new Map<string, unknown[][]>(state.sheets.map((s) => [s.name, (s.values ?? [s.header]).map((r) => [...r])]));
  const order = state.sheets.map((s) => s.name);
  const prot = new Map<string, SheetState['protections']>(state.sheets.map((s) => [s.name, s.protections]));
  for (const s of plan.sheets) {
    if (s.create) {
      order.splice(s.create.index, 0, s.name);
      grids.set(s.name, []);
      prot.set(s.name, []);
    }
    if (s.renameFrom) {
      order[order.indexOf(s.renameFrom)] = s.name;
      grids.set(s.name, grids.get(s.renameFrom)!);
      prot.set(s.name, prot.get(s.renameFrom));
    }
    const g = grids.get(s.name)!;
    for (const w of s.writes)
      w.values.forEach((row, i) => {
        row.forEach((v, j) => {
          g[w.row - 1 + i] ??= [];
          g[w.row - 1 + i][w.column - 1 + j] = v;
        });
      });
    if (s.protect) prot.get(s.name)!.push({ kind: 'sheet', canEdit: true, warningOnly: true });
  }
  return {
    sheets: order.map((name) => sheet(name, grids.get(name)!, { protections: prot.get(name) })),
    weightsRange: plan.weightsRange ?? state.weightsRange,
    namedRanges: { ...state.namedRanges, ...Object.fromEntries(plan.namedRanges.map((n) => [n.name, { sheetName: n.sheetName, rect: n.rect }])) },
  };
}

describe('planSetup on an empty spreadsheet', () => {
  it.each(['en', 'zh'] as const)('creates every sheet with headers in %s, in a sensible order', (lang) => {
    const plan = planSetup(EMPTY, opts(lang));
    expect(plan.sheets.map((s) => s.key)).toEqual(SETUP_ORDER);
    expect(plan.sheets.every((s) => s.create)).toBe(true);
    const after = applied(EMPTY, plan);
    expect(after.sheets.map((s) => s.name)).toEqual([...SETUP_ORDER.map((k) => sheetDef(k)[lang]), 'Sheet1']);
    for (const def of SHEETS) {
      const s = after.sheets.find((x) => x.name === def[lang])!;
      if (def.columns.length) expect(s.header).toEqual(def.columns.map((c) => c[lang]));
    }
    const settings = after.sheets.find((s) => s.name === sheetDef('settings')[lang])!;
    expect(settings.values!.slice(1)).toEqual(defaultSettingsRows(lang));
    const playbook = after.sheets.find((s) => s.name === sheetDef('playbook')[lang])!;
    expect(playbook.values!.slice(1)).toEqual(defaultPlaybookRows(lang));
  });

  it('freezes and styles headers, formats and dropdowns owned columns, protects computed sheets with a warning', () => {
    const plan = planSetup(EMPTY, opts('en'));
    const kocs = plan.sheets.find((s) => s.key === 'kocs')!;
    expect(kocs.freeze).toBe(true);
    expect(kocs.headerCells).toEqual({ column: 1, columns: sheetDef('kocs').columns.length });
    // Platform (C) lists the English labels.
    expect(kocs.validations.find((v) => v.column === 3)!.values).toEqual(['Xiaohongshu', 'Douyin', 'Weibo', 'WeChat', 'Bilibili', 'Kuaishou', 'Other']);
    expect(kocs.formats).toContainEqual({ column: 12, columns: 8, format: '#,##0' }); // Followers … Orders 30d in one call
    expect(kocs.protect).toBeUndefined();
    for (const key of ['echelon', 'history', 'dashboard'] as const) {
      const s = plan.sheets.find((x) => x.key === key)!;
      expect(s.protect).toEqual({ description: 'computed' });
      expect(s.validations).toEqual([]);
    }
    const zh = planSetup(EMPTY, opts('zh')).sheets.find((s) => s.key === 'kocs')!;
    expect(zh.validations.find((v) => v.column === 4)!.values).toEqual(['公域', '私域']);
  });

  it('names KOC_WEIGHTS over the weight rows, KOC_SETTINGS over the whole table, KOC_ASOF on the As of value', () => {
    const plan = planSetup(EMPTY, opts('en'));
    expect(plan.weightsRange!.sheetName).toBe('Settings');
    expect(a1(plan.weightsRange!.rect)).toBe('A4:B10');
    // Setting and Value down to the bottom of the sheet: a row the team adds below is read too.
    expect(plan.namedRanges.map((n) => [n.name, n.sheetName, a1(n.rect)])).toEqual([
      ['KOC_SETTINGS', 'Settings', 'A2:B1000'],
      ['KOC_ASOF', 'Settings', 'B2'],
    ]);
  });

  it('changes nothing the second time', () => {
    for (const lang of ['en', 'zh'] as const) {
      const once = applied(EMPTY, planSetup(EMPTY, opts(lang)));
      const again = planSetup(once, opts(lang));
      expect(planIsEmpty(again)).toBe(true);
      // Whatever the user's language now, a set-up workbook stays as it is.
      expect(planIsEmpty(planSetup(once, opts(lang === 'en' ? 'zh' : 'en')))).toBe(true);
    }
  });
});

describe('planSetup on the team’s own layout', () => {
  const header = ['Notes', 'WeChat ID', 'Name', 'KOC ID', '粉丝数', 'Platform', 'Source', 'My score'];
  const rows = [
    ['vip', 'wx_1', '小鹿爱护肤', 'K1', '1.2万', 'RED', 'Public', 88, '', 'stray'],
    ['', 'wx_2', 'Chef Kevin', 'K2', '3.4k', 'Douyin', 'Private', 61],
  ];
  const state: WorkbookState = { sheets: [sheet('KOCs', [header, ...rows])], weightsRange: null };
  const plan = planSetup(state, opts('zh'));
  const kocs = plan.sheets.find((s) => s.key === 'kocs')!;

  it('appends the missing owned columns after everything in the sheet, never over a cell', () => {
    expect(kocs.create).toBeUndefined();
    expect(kocs.writes).toHaveLength(1);
    const w = kocs.writes[0];
    expect(w.row).toBe(1);
    expect(w.column).toBe(11); // a data cell sits in column J: new headers start at K
    const missing = sheetDef('kocs').columns.filter((c) => !['notes', 'name', 'id', 'followers', 'platform', 'source'].includes(c.key));
    expect(kocs.appended.map((c) => c.key)).toEqual(missing.map((c) => c.key));
    // The sheet's headers are mostly English, so the new ones are too.
    expect(w.values[0]).toEqual(missing.map((c) => c.en));
    expect(kocs.formats.every((f) => f.column >= 11)).toBe(true);
    expect(kocs.validations.every((v) => v.column >= 11)).toBe(true);
    expect(kocs.freeze).toBe(false);
  });

  it('keeps every user cell where it was', () => {
    const after = applied(state, plan).sheets.find((s) => s.name === 'KOCs')!;
    rows.forEach((row, r) => {
      row.forEach((v, c) => {
        expect(after.values![r + 1][c]).toBe(v);
      });
    });
    expect(after.header.slice(0, header.length)).toEqual(header);
  });

  it('reports the team’s own columns', () => {
    expect(kocs.extra.map((e) => e.header)).toEqual(['WeChat ID', 'My score']);
    expect(planIsEmpty(planSetup(applied(state, plan), opts('zh')))).toBe(true);
  });

  it('reports duplicate headers with both columns', () => {
    const dup = planSetup({ sheets: [sheet('KOCs', [['KOC ID', 'Followers', 'Name', '粉丝数']])] }, opts('en')).sheets.find((s) => s.key === 'kocs')!;
    expect(dup.duplicates).toHaveLength(1);
    expect(dup.duplicates[0].column.key).toBe('followers');
    expect(dup.duplicates[0].indexes).toEqual([1, 3]);
  });

  it('sets up a blank sheet of ours as if new', () => {
    const blank = planSetup({ sheets: [sheet('Tasks', [])] }, opts('en')).sheets.find((s) => s.key === 'tasks')!;
    expect(blank.create).toBeUndefined();
    expect(blank.freeze).toBe(true);
    expect(blank.writes[0]).toMatchObject({ row: 1, column: 1 });
  });

  it('puts new sheets beside their neighbours and leaves the team’s sheets where they are', () => {
    const s: WorkbookState = { sheets: [sheet('Read me', [['hi']]), sheet('KOCs', [['KOC ID']]), sheet('Budget', [['x']])] };
    const after = applied(s, planSetup(s, opts('en')));
    const names = after.sheets.map((x) => x.name);
    expect(names.slice(0, 3)).toEqual(['Read me', 'KOCs', 'Echelon']);
    expect(names.at(-1)).toBe('Budget');
  });
});

describe('planSetup with a renamed sheet', () => {
  const old = sheet('KOC名册 (old)', [sheetDef('kocs').columns.slice(0, 25).map((c) => c.zh), ['K1', '小鹿爱护肤']]);
  const state: WorkbookState = { sheets: [old] };

  it('does not silently create a second KOCs sheet', () => {
    const plan = planSetup(state, opts('en'));
    expect(plan.lookalikes).toEqual([{ key: 'kocs', name: 'KOC名册 (old)', matched: 25, total: 32, target: 'KOC名册' }]);
    expect(plan.sheets.some((s) => s.key === 'kocs')).toBe(false);
  });

  it('adopts it when the user says so: renamed, missing columns appended', () => {
    const plan = planSetup(state, opts('en', { decisions: { kocs: 'adopt' } }));
    const kocs = plan.sheets.find((s) => s.key === 'kocs')!;
    expect(kocs).toMatchObject({ renameFrom: 'KOC名册 (old)', name: 'KOC名册' });
    expect(kocs.appended).toHaveLength(7);
    expect(kocs.writes[0].values[0][0]).toBe(sheetDef('kocs').columns[25].zh);
  });

  it('creates a new one beside it when the user says so', () => {
    const plan = planSetup(state, opts('en', { decisions: { kocs: 'create' } }));
    expect(plan.sheets.find((s) => s.key === 'kocs')!.create).toBeDefined();
    expect(plan.notes).toContainEqual({ kind: 'lookalikeCreated', lookalike: expect.objectContaining({ name: 'KOC名册 (old)' }) });
  });

  it('ignores sheets with only a few matching headers', () => {
    const plan = planSetup({ sheets: [sheet('Budget', [['Name', 'Notes', 'Cost']])] }, opts('en'));
    expect(plan.lookalikes).toEqual([]);
  });
});

describe('Settings and KOC_WEIGHTS', () => {
  const rows = defaultSettingsRows('en');

  it('appends only the settings the sheet lacks, leaving the team’s values', () => {
    const mine = rows.filter((_, i) => i !== 3 && i !== 20).map((r) => [...r]);
    mine[1][1] = 40; // the team's own weight
    const state: WorkbookState = { sheets: [sheet('Settings', [['Setting', 'Value', 'Notes'], ...mine])] };
    const s = planSetup(state, opts('en')).sheets.find((x) => x.key === 'settings')!;
    expect(s.settingsRowsAdded).toBe(2);
    expect(s.writes).toHaveLength(1);
    expect(s.writes[0].row).toBe(mine.length + 2);
    expect(s.writes[0].values.map((r) => r[0])).toEqual([rows[3][0], rows[20][0]]);
  });

  it('re-points KOC_WEIGHTS when the team moved the rows, and leaves it when it is right', () => {
    const moved = [['Setting', 'Value', 'Notes'], ['My note', 'x', ''], ...rows];
    const state: WorkbookState = { sheets: [sheet('Settings', moved)], weightsRange: { sheetName: 'Settings', rect: { row: 3, column: 1, rows: 7, columns: 2 } } };
    const plan = planSetup(state, opts('en'));
    expect(a1(plan.weightsRange!.rect)).toBe('A5:B11');
    expect(plan.namedRanges.find((n) => n.name === 'KOC_ASOF')!.rect).toEqual({ row: 3, column: 2, rows: 1, columns: 1 });
    const right = planSetup(applied(state, plan), opts('en'));
    expect(right.weightsRange).toBeUndefined();
    expect(right.namedRanges).toEqual([]);
  });

  it('says why when Setting and Value are not side by side', () => {
    const state: WorkbookState = { sheets: [sheet('Settings', [['Value', 'Notes', 'Setting'], ...rows.map((r) => [r[1], r[2], r[0]])])] };
    const plan = planSetup(state, opts('en'));
    expect(plan.weightsRange).toBeUndefined();
    expect(plan.notes).toContainEqual({ kind: 'weightsNotAdjacent' });
  });
});

describe('protections', () => {
  const kocs = (protections: SheetState['protections']) => sheet('KOCs', [['KOC ID', 'Name']], { protections });

  it('a sheet protected against this user blocks a plan that writes to it', () => {
    const state: WorkbookState = { sheets: [kocs([{ kind: 'sheet', canEdit: false, warningOnly: false }])] };
    expect(blockedSheets(planSetup(state, opts('en')), state)).toEqual(['KOCs']);
  });

  it('warning-only protection, an editable range, or an unprotected area do not block', () => {
    for (const p of [
      { kind: 'sheet' as const, canEdit: false, warningOnly: true },
      { kind: 'range' as const, canEdit: false, warningOnly: false, range: { row: 2, column: 1, rows: 100, columns: 2 } },
      { kind: 'sheet' as const, canEdit: false, warningOnly: false, unprotected: [{ row: 1, column: 3, rows: 1000, columns: 100 }] },
    ]) {
      const state: WorkbookState = { sheets: [kocs([p])] };
      expect(blockedSheets(planSetup(state, opts('en')), state)).toEqual([]);
    }
  });

  it('a protected sheet that needs nothing does not block', () => {
    const once = applied(EMPTY, planSetup(EMPTY, opts('en')));
    for (const s of once.sheets) s.protections = [{ kind: 'sheet', canEdit: false, warningOnly: false }];
    expect(blockedSheets(planSetup(once, opts('en')), once)).toEqual([]);
  });

  it('protects an existing computed sheet only when it has no sheet protection', () => {
    const state: WorkbookState = { sheets: [sheet('Echelon', [sheetDef('echelon').columns.map((c) => c.en)], { protections: [] })] };
    const plan = planSetup(state, opts('en'));
    expect(plan.sheets.find((s) => s.key === 'echelon')!.protect).toBeDefined();
    expect(sheetsToInspect(plan)).toContain('Echelon');
    state.sheets[0].protections = [{ kind: 'sheet', canEdit: true, warningOnly: true }];
    expect(planSetup(state, opts('en')).sheets.find((s) => s.key === 'echelon')!.protect).toBeUndefined();
  });
});

describe('helpers', () => {
  it('headerLang follows the headers, ties go to the user', () => {
    const def = sheetDef('kocs');
    expect(headerLang(def, ['KOC编号', '昵称', 'Platform'], 'en')).toBe('zh');
    expect(headerLang(def, ['KOC ID', '昵称'], 'zh')).toBe('zh');
    expect(headerLang(def, [], 'en')).toBe('en');
  });

  it('formatSteps merges adjacent columns with one format', () => {
    const cols = sheetDef('tasks').columns;
    expect(formatSteps(cols, 1)).toEqual([
      { column: 9, columns: 1, format: '#,##0' },
      { column: 10, columns: 1, format: '#,##0.00' },
      { column: 11, columns: 1, format: 'yyyy-mm-dd' },
    ]);
  });
});
