/** PropertiesService, LockService, ScriptApp (triggers), CacheService, Session, Utilities, Logger, console. */
import { formatDate, isDateValue, isValidTimeZone } from './format';
import { fail } from './runtime';
import { Svc, type TriggerKind, type TriggerModel } from './state';

const enumOf = (...names: string[]) => Object.fromEntries(names.map((n) => [n, n]));
export const AuthMode = enumOf('NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL');

// ---------------------------------------------------------------- PropertiesService

const PROPERTY_VALUE_LIMIT = 9 * 1024;
const PROPERTY_TOTAL_LIMIT = 500 * 1024;

export class PropertiesService extends Svc {
  static gasName = 'PropertiesService';
  getScriptProperties(): Properties {
    return this._wrap(new Properties(this._s, this._x, this._s.properties.script));
  }
  getUserProperties(): Properties {
    const all = this._s.properties.user;
    all[this._x.user] ??= {};
    return this._wrap(new Properties(this._s, this._x, all[this._x.user]));
  }
  getDocumentProperties(): Properties {
    return this._wrap(new Properties(this._s, this._x, this._s.properties.document));
  }
}

function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

export class Properties extends Svc {
  static gasName = 'Properties';
  constructor(
    s: Svc['_s'],
    x: Svc['_x'],
    readonly _store: Record<string, string>,
  ) {
    super(s, x);
  }
  _check(next: Record<string, string>): void {
    let total = 0;
    for (const [k, v] of Object.entries(next)) {
      if (byteLength(v) > PROPERTY_VALUE_LIMIT) fail('Argument too large: value');
      total += byteLength(k) + byteLength(v);
    }
    if (total > PROPERTY_TOTAL_LIMIT) fail('You have exceeded the property storage quota. Please remove some properties and try again.');
  }
  getProperty(key: string): string | null {
    return Object.getOwnPropertyDescriptor(this._store, key) ? this._store[key] : null;
  }
  setProperty(key: string, value: unknown): Properties {
    if (key === null || key === undefined) fail('Invalid argument: key');
    const v = String(value);
    this._check({ ...this._store, [key]: v });
    this._store[key] = v;
    return this;
  }
  setProperties(props: Record<string, unknown>, deleteAllOthers?: boolean): Properties {
    const next: Record<string, string> = deleteAllOthers ? {} : { ...this._store };
    for (const [k, v] of Object.entries(props)) next[k] = String(v);
    this._check(next);
    for (const k of Object.keys(this._store)) delete this._store[k];
    Object.assign(this._store, next);
    return this;
  }
  getProperties(): Record<string, string> {
    return { ...this._store };
  }
  getKeys(): string[] {
    return Object.keys(this._store);
  }
  deleteProperty(key: string): Properties {
    delete this._store[key];
    return this;
  }
  deleteAllProperties(): Properties {
    for (const k of Object.keys(this._store)) delete this._store[k];
    return this;
  }
}

// ---------------------------------------------------------------- LockService

export class LockService extends Svc {
  static gasName = 'LockService';
  getDocumentLock(): Lock {
    return this._wrap(new Lock(this._s, this._x, 'document'));
  }
  getScriptLock(): Lock {
    return this._wrap(new Lock(this._s, this._x, 'script'));
  }
  getUserLock(): Lock {
    return this._wrap(new Lock(this._s, this._x, `user:${this._x.user}`));
  }
}

/**
 * A lock held by one execution at a time, re-entrant within it. JavaScript here is single-threaded,
 * so waiting cannot help: a lock held by another execution fails at once (tryLock false, waitLock throws).
 */
export class Lock extends Svc {
  static gasName = 'Lock';
  constructor(
    s: Svc['_s'],
    x: Svc['_x'],
    readonly _name: string,
  ) {
    super(s, x);
  }
  tryLock(_timeoutMs: number): boolean {
    const holder = this._s.locks.get(this._name);
    if (holder !== undefined && holder !== this._x.id) return false;
    this._s.locks.set(this._name, this._x.id);
    this._x.locks.add(this._name);
    return true;
  }
  waitLock(timeoutMs: number): void {
    if (!this.tryLock(timeoutMs)) fail('Lock timeout: another process was holding the lock for too long.');
  }
  releaseLock(): void {
    if (this._s.locks.get(this._name) === this._x.id) this._s.locks.delete(this._name);
    this._x.locks.delete(this._name);
  }
  hasLock(): boolean {
    return this._s.locks.get(this._name) === this._x.id;
  }
}

// ---------------------------------------------------------------- ScriptApp

const TriggerSource = enumOf('SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR');
const EventType = enumOf('CLOCK', 'ON_OPEN', 'ON_EDIT', 'ON_FORM_SUBMIT', 'ON_CHANGE', 'ON_EVENT_UPDATED');
const AuthorizationStatus = enumOf('REQUIRED', 'NOT_REQUIRED');
const WeekDay = enumOf('MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY');
const VALID_HOURS = [1, 2, 4, 6, 8, 12];
const VALID_MINUTES = [1, 5, 10, 15, 30];

export class ScriptApp extends Svc {
  static gasName = 'ScriptApp';
  AuthMode = AuthMode;
  TriggerSource = TriggerSource;
  EventType = EventType;
  AuthorizationStatus = AuthorizationStatus;
  WeekDay = WeekDay;
  InstallationSource = enumOf('APPS_MARKETPLACE_DOMAIN_ADD_ON', 'NONE', 'WEB_STORE_ADD_ON');

  newTrigger(functionName: string): TriggerBuilder {
    if (typeof functionName !== 'string' || functionName === '') fail('Invalid argument: functionName');
    return this._wrap(new TriggerBuilder(this._s, this._x, functionName));
  }
  getProjectTriggers(): Trigger[] {
    return this._s.triggers.filter((t) => t.user === this._x.user).map((t) => this._wrap(new Trigger(this._s, this._x, t)));
  }
  getUserTriggers(_doc: unknown): Trigger[] {
    return this.getProjectTriggers();
  }
  getScriptTriggers(): Trigger[] {
    return this._s.triggers.map((t) => this._wrap(new Trigger(this._s, this._x, t)));
  }
  deleteTrigger(trigger: Trigger): void {
    const id = trigger?._t?.id;
    if (!id) fail('Invalid argument: trigger');
    this._s.triggers = this._s.triggers.filter((t) => t.id !== id);
  }
  getAuthorizationInfo(_authMode?: string): { getAuthorizationStatus(): string; getAuthorizationUrl(): string | null } {
    return { getAuthorizationStatus: () => 'NOT_REQUIRED', getAuthorizationUrl: () => null };
  }
  getScriptId(): string {
    return 'emulator-script-id';
  }
  getOAuthToken(): string {
    return 'emulator-oauth-token';
  }
  getInstallationSource(): string {
    return 'NONE';
  }
  invalidateAuth(): void {}
}

export class TriggerBuilder extends Svc {
  static gasName = 'TriggerBuilder';
  constructor(
    s: Svc['_s'],
    x: Svc['_x'],
    readonly _handler: string,
  ) {
    super(s, x);
  }
  timeBased(): ClockTriggerBuilder {
    return this._wrap(new ClockTriggerBuilder(this._s, this._x, this._handler));
  }
  forSpreadsheet(_ss: unknown): SpreadsheetTriggerBuilder {
    return this._wrap(new SpreadsheetTriggerBuilder(this._s, this._x, this._handler));
  }
}

function addTrigger(svc: Svc, t: Omit<TriggerModel, 'id' | 'user'>): Trigger {
  const s = svc._s;
  const mine = s.triggers.filter((x) => x.user === svc._x.user);
  // Add-ons get one trigger of each kind per user per document.
  if (s.options.addon && mine.some((x) => x.kind === t.kind)) {
    fail(
      t.kind === 'CLOCK'
        ? 'This add-on has created too many time-based triggers in this document for this Google user account.'
        : 'This add-on has created too many triggers of this type in this document for this Google user account.',
    );
  }
  if (mine.length >= 20) fail('This script has too many triggers. Triggers must be deleted from the script before more can be added.');
  const model: TriggerModel = { id: String(s.nextTriggerId++), user: svc._x.user, ...t };
  s.triggers.push(model);
  return svc._wrap(new Trigger(s, svc._x, model));
}

export class ClockTriggerBuilder extends Svc {
  static gasName = 'ClockTriggerBuilder';
  _t: Omit<TriggerModel, 'id' | 'user'>;
  constructor(s: Svc['_s'], x: Svc['_x'], handler: string) {
    super(s, x);
    this._t = { handler, kind: 'CLOCK' };
  }
  everyMinutes(n: number): ClockTriggerBuilder {
    if (this._s.options.addon) fail('Add-ons can not create time-based triggers that run more often than once per hour.');
    if (!VALID_MINUTES.includes(n)) fail('The value passed to everyMinutes must be 1, 5, 10, 15 or 30.');
    this._t.everyMinutes = n;
    return this;
  }
  everyHours(n: number): ClockTriggerBuilder {
    if (!VALID_HOURS.includes(n)) fail(`Invalid argument: everyHours(${n}). The value must be 1, 2, 4, 6, 8 or 12.`);
    this._t.everyHours = n;
    return this;
  }
  everyDays(n: number): ClockTriggerBuilder {
    if (!Number.isInteger(n) || n < 1) fail(`Invalid argument: everyDays(${n}).`);
    this._t.everyDays = n;
    return this;
  }
  everyWeeks(n: number): ClockTriggerBuilder {
    if (!Number.isInteger(n) || n < 1) fail(`Invalid argument: everyWeeks(${n}).`);
    this._t.everyWeeks = n;
    return this;
  }
  atHour(h: number): ClockTriggerBuilder {
    if (!Number.isInteger(h) || h < 0 || h > 23) fail(`Invalid argument: atHour(${h}). The hour must be between 0 and 23.`);
    this._t.atHour = h;
    return this;
  }
  nearMinute(m: number): ClockTriggerBuilder {
    if (!Number.isInteger(m) || m < 0 || m > 59) fail(`Invalid argument: nearMinute(${m}). The minute must be between 0 and 59.`);
    this._t.nearMinute = m;
    return this;
  }
  onWeekDay(day: string): ClockTriggerBuilder {
    this._t.onWeekDay = String(day);
    return this;
  }
  inTimezone(tz: string): ClockTriggerBuilder {
    if (!isValidTimeZone(String(tz))) fail(`Invalid argument: timezone ${tz}`);
    this._t.timeZone = String(tz);
    return this;
  }
  at(date: Date): ClockTriggerBuilder {
    if (!isDateValue(date)) fail('Invalid argument: date');
    this._t.at = new Date(date.getTime()).toISOString();
    return this;
  }
  after(ms: number): ClockTriggerBuilder {
    this._t.at = new Date(this._s.clock() + Number(ms)).toISOString();
    return this;
  }
  create(): Trigger {
    const t = this._t;
    const freq = [t.everyMinutes, t.everyHours, t.everyDays, t.everyWeeks].filter((x) => x !== undefined).length;
    if (freq === 0 && t.at === undefined) fail('A time-based trigger needs a frequency: everyMinutes, everyHours, everyDays, everyWeeks, at or after.');
    if (freq > 1) fail('A time-based trigger can have only one frequency.');
    if ((t.atHour !== undefined || t.nearMinute !== undefined) && t.everyDays === undefined && t.everyWeeks === undefined) {
      fail('atHour and nearMinute can only be used with everyDays or everyWeeks.');
    }
    return addTrigger(this, { ...t });
  }
}

export class SpreadsheetTriggerBuilder extends Svc {
  static gasName = 'SpreadsheetTriggerBuilder';
  _kind: TriggerKind | null = null;
  constructor(
    s: Svc['_s'],
    x: Svc['_x'],
    readonly _handler: string,
  ) {
    super(s, x);
  }
  onOpen(): SpreadsheetTriggerBuilder {
    this._kind = 'ON_OPEN';
    return this;
  }
  onEdit(): SpreadsheetTriggerBuilder {
    this._kind = 'ON_EDIT';
    return this;
  }
  onChange(): SpreadsheetTriggerBuilder {
    this._kind = 'ON_CHANGE';
    return this;
  }
  onFormSubmit(): SpreadsheetTriggerBuilder {
    this._kind = 'ON_FORM_SUBMIT';
    return this;
  }
  create(): Trigger {
    if (!this._kind) fail('Spreadsheet triggers need an event: onOpen, onEdit, onChange or onFormSubmit.');
    return addTrigger(this, { handler: this._handler, kind: this._kind });
  }
}

export class Trigger extends Svc {
  static gasName = 'Trigger';
  constructor(
    s: Svc['_s'],
    x: Svc['_x'],
    readonly _t: TriggerModel,
  ) {
    super(s, x);
  }
  getUniqueId(): string {
    return this._t.id;
  }
  getHandlerFunction(): string {
    return this._t.handler;
  }
  getTriggerSource(): string {
    return this._t.kind === 'CLOCK' ? 'CLOCK' : 'SPREADSHEETS';
  }
  getEventType(): string {
    return this._t.kind;
  }
  getTriggerSourceId(): string | null {
    return this._t.kind === 'CLOCK' ? null : this._s.wb.id;
  }
}

// ---------------------------------------------------------------- CacheService

const CACHE_VALUE_LIMIT = 100 * 1024;
const CACHE_MAX_TTL = 21600;

export class CacheService extends Svc {
  static gasName = 'CacheService';
  _cache(scope: string): Cache {
    let store = this._s.caches.get(scope);
    if (!store) {
      store = new Map();
      this._s.caches.set(scope, store);
    }
    return this._wrap(new Cache(this._s, this._x, store));
  }
  getScriptCache(): Cache {
    return this._cache('script');
  }
  getUserCache(): Cache {
    return this._cache(`user:${this._x.user}`);
  }
  getDocumentCache(): Cache {
    return this._cache('document');
  }
}

export class Cache extends Svc {
  static gasName = 'Cache';
  constructor(
    s: Svc['_s'],
    x: Svc['_x'],
    readonly _store: Map<string, { value: string; expires: number }>,
  ) {
    super(s, x);
  }
  get(key: string): string | null {
    const e = this._store.get(String(key));
    if (!e) return null;
    if (e.expires <= this._s.clock()) {
      this._store.delete(String(key));
      return null;
    }
    return e.value;
  }
  getAll(keys: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const k of keys) {
      const v = this.get(k);
      if (v !== null) out[k] = v;
    }
    return out;
  }
  put(key: string, value: string, expirationInSeconds = 600): void {
    const k = String(key);
    if (k.length > 250) fail('Argument too large: key');
    if (typeof value !== 'string') fail(`The parameters (String,${typeof value}) don't match the method signature for CacheService.Cache.put.`);
    if (byteLength(value) > CACHE_VALUE_LIMIT) fail('Argument too large: value');
    const ttl = Math.min(Math.max(1, Number(expirationInSeconds)), CACHE_MAX_TTL);
    this._store.set(k, { value, expires: this._s.clock() + ttl * 1000 });
  }
  putAll(values: Record<string, string>, expirationInSeconds = 600): void {
    for (const [k, v] of Object.entries(values)) {
      if (typeof v !== 'string' || byteLength(v) > CACHE_VALUE_LIMIT) fail('Argument too large: value');
      if (k.length > 250) fail('Argument too large: key');
    }
    for (const [k, v] of Object.entries(values)) this.put(k, v, expirationInSeconds);
  }
  remove(key: string): void {
    this._store.delete(String(key));
  }
  removeAll(keys: string[]): void {
    for (const k of keys) this._store.delete(String(k));
  }
}

// ---------------------------------------------------------------- Session

export class User extends Svc {
  static gasName = 'User';
  constructor(
    s: Svc['_s'],
    x: Svc['_x'],
    readonly _email: string,
  ) {
    super(s, x);
  }
  getEmail(): string {
    return this._email;
  }
  override toString(): string {
    return this._email;
  }
}

export class Session extends Svc {
  static gasName = 'Session';
  _email(): string {
    // Without authorization Apps Script does not reveal who the user is.
    return this._x.authMode === 'NONE' ? '' : this._x.user;
  }
  getActiveUser(): User {
    return this._wrap(new User(this._s, this._x, this._email()));
  }
  getEffectiveUser(): User {
    return this._wrap(new User(this._s, this._x, this._email()));
  }
  getActiveUserLocale(): string {
    return this._x.locale;
  }
  getScriptTimeZone(): string {
    return this._s.options.timeZone;
  }
  getTimeZone(): string {
    return this._s.options.timeZone;
  }
  getTemporaryActiveUserKey(): string {
    let h = 2166136261;
    for (const ch of `koc:${this._x.user}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    return `tmp${h.toString(36)}`;
  }
}

// ---------------------------------------------------------------- Utilities, Logger, console

function formatArg(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined) return 'undefined';
  if (isDateValue(v)) return (v as Date).toString();
  if (v instanceof Error || Object.prototype.toString.call(v) === '[object Error]') return String((v as Error).stack ?? v);
  if (typeof v === 'object' && v !== null) {
    try {
      return JSON.stringify(v);
    } catch {
      return String(v);
    }
  }
  return String(v);
}

/** `%s %d %i %f %%` substitution as in Logger.log / Utilities.formatString. */
function sprintf(template: string, args: unknown[]): string {
  let i = 0;
  return template.replace(/%(\d*\.?\d*)([sdif%])/g, (m, prec: string, k: string) => {
    if (k === '%') return '%';
    if (i >= args.length) return m;
    const a = args[i++];
    if (k === 's') return formatArg(a);
    if (k === 'd' || k === 'i') return String(Math.trunc(Number(a)));
    const p = prec.includes('.') ? Number(prec.split('.')[1]) : undefined;
    return p === undefined ? String(Number(a)) : Number(a).toFixed(p);
  });
}

export class Utilities extends Svc {
  static gasName = 'Utilities';
  DigestAlgorithm = enumOf('MD2', 'MD5', 'SHA_1', 'SHA_256', 'SHA_384', 'SHA_512');
  Charset = enumOf('US_ASCII', 'UTF_8');

  formatDate(date: Date, timeZone: string, format: string): string {
    if (!isDateValue(date) || typeof timeZone !== 'string' || typeof format !== 'string') {
      fail(`The parameters (${[date, timeZone, format].map((a) => (isDateValue(a) ? 'Date' : typeof a)).join(',')}) don't match the method signature for Utilities.formatDate.`);
    }
    if (Number.isNaN(date.getTime())) fail('Invalid argument: date');
    try {
      return formatDate(date.getTime(), timeZone, format);
    } catch (e) {
      return fail((e as Error).message);
    }
  }
  formatString(template: string, ...args: unknown[]): string {
    return sprintf(String(template), args);
  }
  getUuid(): string {
    return this._s.uuid();
  }
  sleep(ms: number): void {
    if (Number(ms) > 300000) fail('Utilities.sleep cannot wait more than 300000 milliseconds.');
  }
  base64Encode(data: string | number[]): string {
    return Buffer.from(typeof data === 'string' ? Buffer.from(data, 'utf8') : Uint8Array.from(data.map((b) => b & 255))).toString('base64');
  }
  base64EncodeWebSafe(data: string | number[]): string {
    return this.base64Encode(data).replace(/\+/g, '-').replace(/\//g, '_');
  }
  base64Decode(encoded: string): number[] {
    return [...Buffer.from(String(encoded), 'base64')].map((b) => (b > 127 ? b - 256 : b));
  }
  base64DecodeWebSafe(encoded: string): number[] {
    return this.base64Decode(String(encoded).replace(/-/g, '+').replace(/_/g, '/'));
  }
  newBlob(data: string | number[], contentType?: string, name?: string): { getDataAsString(): string; getBytes(): number[]; getContentType(): string | null; getName(): string | null } {
    const text = typeof data === 'string' ? data : Buffer.from(Uint8Array.from(data.map((b) => b & 255))).toString('utf8');
    return {
      getDataAsString: () => text,
      getBytes: () => [...Buffer.from(text, 'utf8')].map((b) => (b > 127 ? b - 256 : b)),
      getContentType: () => contentType ?? null,
      getName: () => name ?? null,
    };
  }
}

export class Logger extends Svc {
  static gasName = 'Logger';
  _lines: string[] = [];
  log(data: unknown, ...values: unknown[]): Logger {
    const msg = values.length && typeof data === 'string' ? sprintf(data, values) : formatArg(data);
    this._lines.push(msg);
    this._s.logs.push(msg);
    this._s.logEntries.push({ level: 'log', message: msg });
    return this;
  }
  getLog(): string {
    return this._lines.map((l) => `${l}\n`).join('');
  }
  clear(): void {
    this._lines = [];
  }
}

export class Console extends Svc {
  static gasName = 'console';
  _timers = new Map<string, number>();
  _emit(level: string, args: unknown[]): void {
    const msg = args.length > 1 && typeof args[0] === 'string' && /%[sdifoO%]/.test(args[0]) ? sprintf(args[0], args.slice(1)) : args.map(formatArg).join(' ');
    this._s.logs.push(msg);
    this._s.logEntries.push({ level, message: msg });
  }
  log(...args: unknown[]): void {
    this._emit('log', args);
  }
  info(...args: unknown[]): void {
    this._emit('info', args);
  }
  warn(...args: unknown[]): void {
    this._emit('warn', args);
  }
  error(...args: unknown[]): void {
    this._emit('error', args);
  }
  debug(...args: unknown[]): void {
    this._emit('debug', args);
  }
  time(label = 'default'): void {
    this._timers.set(label, this._s.clock());
  }
  timeEnd(label = 'default'): void {
    const t = this._timers.get(label);
    if (t !== undefined) this._emit('info', [`${label}: ${this._s.clock() - t}ms`]);
    this._timers.delete(label);
  }
}
