/**
 * KOC Ops → BigQuery SQL…: a dialog with the value model as one GoogleSQL statement for this
 * workbook's current Settings (weights, calibration, thresholds, stage rules) and its time zone,
 * ready to copy into BigQuery and save as a view, for a roster that has outgrown the Sheet. It
 * reads the Settings sheet and nothing else, and asks for no scope beyond the menu's own.
 */
import { kocsQuery } from '../core/kocs-query';
import { t, type TextKey } from '../core/text';
import type { Lang } from '../sheets/schema';
import { loadSettings_, localeLang_ } from './context';
import { menuItem, type PublicFunction } from './registry-types';

/** The table the statement reads until the team puts their own in its place. */
export const BIGQUERY_TABLE_PLACEHOLDER = 'your-project.your_dataset.kocs';


type BigQueryText = 'step1' | 'step2' | 'made' | 'problems' | 'copy' | 'close' | 'label';

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The dialog's page: instructions, the statement in a read-only text box, a copy button. */
export function bigQueryDialogHtml(sql: string, lang: Lang, zone: string, problems: readonly string[]): string {
  const x = (key: BigQueryText, vars: Record<string, string> = {}) => escapeHtml(t(`bigQuery${key[0].toUpperCase()}${key.slice(1)}` as TextKey, lang, vars));
  const table = `<code>${escapeHtml(BIGQUERY_TABLE_PLACEHOLDER)}</code>`;
  const warn = problems.length
    ? `<p class="warn">${x('problems')}</p><ul class="warn">${problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>`
    : '';
  const messages = JSON.stringify({ copied: t('bigQueryCopied', lang), select: t('bigQuerySelectAndCopy', lang) }).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><base target="_top">
<style>
body{font:13px/1.45 Arial,"Noto Sans CJK SC",sans-serif;margin:0;padding:12px 16px;color:#202124}
ol{margin:0 0 8px;padding-left:20px}li{margin:2px 0}code{background:#f1f3f4;padding:0 3px}
textarea{box-sizing:border-box;width:100%;height:300px;font:12px/1.4 Menlo,Consolas,monospace;white-space:pre;resize:vertical}
.row{display:flex;gap:8px;align-items:center;margin-top:8px}.note{color:#5f6368;font-size:12px;margin:6px 0 0}.warn{color:#b3261e;margin:4px 0}
button{font:inherit;padding:6px 14px}button.primary{background:#1a73e8;color:#fff;border:0;border-radius:4px}
</style></head><body>
<ol><li>${x('step1').replace('{table}', table)}</li><li>${x('step2')}</li></ol>
${warn}<label for="sql" class="note">${x('label')}</label>
<textarea id="sql" readonly spellcheck="false">${escapeHtml(sql)}</textarea>
<div class="row"><button class="primary" id="copy">${x('copy')}</button><button id="close">${x('close')}</button><span id="status" role="status" class="note"></span></div>
<p class="note">${x('made', { zone: zone || 'UTC' })}</p>
<script>
(function(){var m=${messages};var box=document.getElementById('sql');var status=document.getElementById('status');
function copied(){status.textContent=m.copied;}
function select(){box.focus();box.select();status.textContent=m.select;}
document.getElementById('copy').addEventListener('click',function(){box.select();
try{if(document.execCommand&&document.execCommand('copy')){copied();return;}}catch(e){}
if(navigator.clipboard&&navigator.clipboard.writeText){navigator.clipboard.writeText(box.value).then(copied,select);}else{select();}});
document.getElementById('close').addEventListener('click',function(){if(window.google&&google.script&&google.script.host)google.script.host.close();});
})();
</script></body></html>`;
}

/** The statement the dialog shows for a spreadsheet: its Settings, its time zone, today when it runs. */
export function bigQuerySqlFor_(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): { sql: string; lang: Lang; zone: string; problems: string[] } {
  const { settings, lang, problems } = loadSettings_(ss);
  const zone = ss.getSpreadsheetTimeZone();
  const sql = kocsQuery(settings, { dialect: 'bigquery', table: BIGQUERY_TABLE_PLACEHOLDER, timeZone: zone || undefined });
  return { sql, lang, zone, problems };
}

export function showBigQuerySql_(): void {
  const ui = SpreadsheetApp.getUi();
  let lang: Lang = localeLang_();
  try {
    const made = bigQuerySqlFor_(SpreadsheetApp.getActiveSpreadsheet());
    lang = made.lang;
    const html = HtmlService.createHtmlOutput(bigQueryDialogHtml(made.sql, lang, made.zone, made.problems)).setWidth(760).setHeight(560);
    ui.showModalDialog(html, t('bigQueryTitle', lang));
  } catch (e) {
    ui.alert(t('bigQueryTitle', lang), e instanceof Error ? e.message : String(e), ui.ButtonSet.OK);
  }
}

export const BIGQUERY_FUNCTIONS: PublicFunction[] = [
  menuItem('showBigQuerySql', 'Shows the value model as GoogleSQL for this workbook’s Settings, to run the same scores, tiers and stages in BigQuery.', { en: 'BigQuery SQL…', zh: '导出 BigQuery SQL…', order: 40, group: 'bigquery' }, showBigQuerySql_),
];
