import { matchBench } from './.benchcopy';
import vm from 'node:vm';
const cases = await matchBench();
const c = cases[1];
const [bundle] = c.prepare() as any;
const ctx = bundle.context;
const t0 = performance.now();
vm.runInContext(`var ss = SpreadsheetApp.getActiveSpreadsheet(); var t = {}; ss.getSheets().forEach(function (s) { var a = Date.now(); var v = s.getDataRange().getValues(); t[s.getName()] = v.length; });`, ctx);
console.log('all getValues', performance.now() - t0);
for (const name of ['KOCs', 'Assignments', 'Echelon']) { const t = performance.now(); vm.runInContext(`SpreadsheetApp.getActiveSpreadsheet().getSheetByName('${name}').getDataRange().getValues()`, ctx); console.log(name, (performance.now() - t).toFixed(0)); }
for (let i = 0; i < 3; i++) { const t = performance.now(); c.run(null as never, c.prepare === undefined ? [] : [bundle, vm.runInContext('({taskId:"T-BENCH"})', ctx)]); console.log('run', (performance.now() - t).toFixed(0)); }
