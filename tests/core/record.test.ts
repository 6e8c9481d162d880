import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { enumKey, isBlankRow, KOCS, kocReader, parseKocRow, readKocRow, splitTags } from '../../src/core/record';
import { mapHeaders } from '../../src/sheets/headers';
import { KOC_STATUSES, TIERS } from '../../src/sheets/schema';

const HEADER = ['KOC ID', '昵称', 'Platform', 'Followers', '平均点赞', 'Joined', 'Status', 'Tier override', 'Categories', 'Quality', 'My own column'];
const map = mapHeaders(KOCS, HEADER);

describe('parseKocRow', () => {
  it('reads a row in either language into a typed record', () => {
    const { koc, problems } = parseKocRow(['K001', '小鹿', '小红书', '1.2万', '350', '2024-01-15', '合作中', '核心', '美妆，护肤、 穿搭', 4, 'ignored'], map);
    expect(problems).toEqual([]);
    expect(koc).toMatchObject({
      id: 'K001',
      name: '小鹿',
      platform: 'xiaohongshu',
      followers: 12000,
      likes: 350,
      status: 'active',
      tierOverride: 'core',
      categories: ['美妆', '护肤', '穿搭'],
      quality: 4,
    });
    expect(koc.joined?.getFullYear()).toBe(2024);
    expect(koc.posts30d).toBeUndefined(); // no such column
  });

  it('names the column and the value of every bad cell', () => {
    const { koc, problems } = parseKocRow(['K002', 'A', 'MySpace', 'abc', '-5', 'soon', 'maybe', 'Gold', '', 7, ''], map);
    expect(problems).toEqual([
      'Platform: "MySpace" is not one of Xiaohongshu, Douyin, Weibo, WeChat, Bilibili, Kuaishou, Other',
      'Followers: "abc" is not a number',
      'Likes: "-5" is below 0',
      'Joined: "soon" is not a date',
      'Status: "maybe" is not one of Candidate, Active, Paused, Alumni',
      'Tier override: "Gold" is not one of Core, Potential, Regular, Candidate',
      'Quality: 7 is not a rating from 1 to 5',
    ]);
    expect(koc.followers).toBeUndefined();
  });

  it('names columns as the team typed them when given the header row', () => {
    const reader = kocReader(map, { header: HEADER, only: ['likes'] });
    expect(readKocRow(reader, ['', '', '', '', 'lots', '', '', '', '', '', '']).problems).toEqual(['平均点赞: "lots" is not a number']);
  });

  it('words problems in the reader’s language: every kind of bad cell, in Chinese', () => {
    const reader = kocReader(map, { lang: 'zh' });
    expect(readKocRow(reader, ['K2', 'A', 'MySpace', 'about 5k', '-5', 'soon', 'maybe', '', '', 7, '']).problems).toEqual([
      '平台：“MySpace”不是以下之一：小红书、抖音、微博、微信、哔哩哔哩、快手、其他',
      '粉丝数：“about 5k”不是数字',
      '平均点赞：“-5”小于 0',
      '加入日期：“soon”不是日期',
      '状态：“maybe”不是以下之一：候选、合作中、暂停、荣誉',
      '内容质量：“7”不是 1 到 5 的评分',
    ]);
    // Typed headers name the columns; the sentence follows the language.
    expect(readKocRow(kocReader(map, { header: HEADER, only: ['followers'], lang: 'zh' }), ['', '', '', 'x', '', '', '', '', '', '', '']).problems).toEqual(['Followers：“x”不是数字']);
  });

  it('reuses the record and problem list it is given', () => {
    const reader = kocReader(map);
    const first = readKocRow(reader, ['K1', '', '', 'x', '', '', '', '', '', '', '']);
    const again = readKocRow(reader, ['K2', '', '', '100', '', '', '', '', '', '', ''], first.koc, first.problems);
    expect(again.koc).toBe(first.koc);
    expect(again.problems).toEqual([]);
    expect(again.koc).toMatchObject({ id: 'K2', followers: 100 });
  });

  it('never throws on random cells', () => {
    const reader = kocReader(map);
    fc.assert(fc.property(fc.array(fc.oneof(fc.anything(), fc.date(), fc.string(), fc.double()), { minLength: HEADER.length, maxLength: HEADER.length }), (row) => {
      const { problems } = readKocRow(reader, row);
      for (const p of problems) expect(p).toMatch(/^[^:]+: .+ (is|are) /);
    }));
  });
});

describe('helpers', () => {
  it('finds enum values in any language, alias or case', () => {
    expect(enumKey(TIERS, '核心')).toBe('core');
    expect(enumKey(TIERS, ' potential ')).toBe('potential');
    expect(enumKey(KOC_STATUSES, '荣誉KOC')).toBe('alumni');
    expect(enumKey(KOC_STATUSES, 'nope')).toBeNull();
  });
  it('splits tags on , ， and 、', () => {
    expect(splitTags('a, b，c、d ,, ')).toEqual(['a', 'b', 'c', 'd']);
    expect(splitTags('')).toEqual([]);
  });
  it('knows a blank row', () => {
    expect(isBlankRow(['', '', null])).toBe(true);
    expect(isBlankRow(['', 0])).toBe(false);
  });
});
