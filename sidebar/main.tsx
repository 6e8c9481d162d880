/**
 * The KOC Ops sidebar: one call for the first render (getSidebarState), then one call per action.
 * Three tabs — Assign, Follow up, Today — as an accessible tablist (arrow keys move between tabs).
 */
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { KocProfile, SidebarState } from '../src/contract/sidebar-contract';
import { call, onWrite } from './api';
import { AssignTab } from './components/AssignTab';
import { FollowUpTab } from './components/FollowUpTab';
import { TodayTab } from './components/TodayTab';
import { Alert, Button, LangContext, useAction } from './components/ui';
import { tr, type UiKey } from './text';

type TabKey = 'assign' | 'followup' | 'today';
const TABS: { key: TabKey; label: UiKey }[] = [
  { key: 'assign', label: 'tabAssign' },
  { key: 'followup', label: 'tabFollowUp' },
  { key: 'today', label: 'tabToday' },
];

function App() {
  const [state, setState] = useState<SidebarState | null>(null);
  const [tab, setTab] = useState<TabKey>('assign');
  const [profile, setProfile] = useState<KocProfile | null>(null);
  const boot = useAction();
  const lang = useAction();
  const today = useAction();
  const openKoc = useAction();
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  const start = () =>
    void boot.run(
      () => call('getSidebarState', {}),
      (s) => {
        setState(s);
        if (s.activeKoc) {
          setProfile(s.activeKoc);
          setTab('followup');
        }
      },
    );
  useEffect(start, []);

  // Every write answers with Today as it is now (a contact logged, an incident resolved, an offer
  // answered): the list and its count follow without a call of their own.
  useEffect(
    () =>
      onWrite(({ data }) => {
        const list = data.today;
        if (list) setState((s) => (s ? { ...s, today: list } : s));
      }),
    [],
  );

  useEffect(() => {
    if (state) document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  }, [state?.lang]);

  if (!state) {
    return (
      <main class="app">
        {boot.busy || !boot.message ? (
          <p class="muted" role="status" aria-live="polite">
            {tr('en', 'loading')}
          </p>
        ) : (
          <div>
            <Alert message={tr('en', 'loadFailed', { message: boot.message })} />
            <Button kind="action" onClick={start}>
              {tr('en', 'retry')}
            </Button>
          </div>
        )}
      </main>
    );
  }

  const l = state.lang;
  const t = (key: UiKey, vars?: Record<string, string | number>) => tr(l, key, vars);
  const switchLang = () =>
    void lang.run(
      () => call('setSidebarLanguage', { lang: l === 'en' ? 'zh' : 'en' }),
      (s) => {
        setState(s);
        // The open profile's next action and messages come from the server: ask again in the new language.
        if (profile) void openKoc.run(() => call('getKocProfile', { kocId: profile.id }), setProfile);
      },
    );
  const onTabKey = (e: KeyboardEvent, i: number) => {
    const n = TABS.length;
    const next = e.key === 'ArrowRight' ? (i + 1) % n : e.key === 'ArrowLeft' ? (i + n - 1) % n : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    setTab(TABS[next].key);
    tabRefs.current[next]?.focus();
  };
  const showKoc = (kocId: string) =>
    void openKoc.run(
      () => call('getKocProfile', { kocId }),
      (p) => {
        setProfile(p);
        setTab('followup');
      },
    );

  return (
    <LangContext.Provider value={l}>
      <main class="app" lang={l === 'zh' ? 'zh-CN' : 'en'}>
        <header class="row spread header">
          <h1 class="title">{t('appTitle')}</h1>
          <Button kind="link" onClick={switchLang} busy={lang.busy} label={t('switchLangLabel')}>
            {t('switchLang')}
          </Button>
        </header>
        <Alert message={lang.message} />
        {state.problems.map((p) => (
          <Alert key={p} message={p} />
        ))}
        <div class="tabs" role="tablist" aria-label={t('tabsLabel')}>
          {TABS.map((item, i) => (
            <button
              key={item.key}
              type="button"
              role="tab"
              id={`tab-${item.key}`}
              aria-selected={tab === item.key}
              aria-controls={`panel-${item.key}`}
              tabIndex={tab === item.key ? 0 : -1}
              class={tab === item.key ? 'tab selected' : 'tab'}
              ref={(el) => {
                tabRefs.current[i] = el;
              }}
              onClick={() => setTab(item.key)}
              onKeyDown={(e) => onTabKey(e as unknown as KeyboardEvent, i)}
            >
              {t(item.label)}
              {item.key === 'today' ? ' ' : null}
              {item.key === 'today' ? <span class="count">{state.today.overdue.length + state.today.dueToday.length + state.today.firstContacts.filter((f) => f.daysLate >= 0).length + state.today.incidents.length + state.today.staleOffers.length}</span> : null}
            </button>
          ))}
        </div>
        <Alert message={openKoc.message} />
        <section role="tabpanel" id="panel-assign" aria-labelledby="tab-assign" hidden={tab !== 'assign'}>
          <AssignTab tasks={state.tasks} />
        </section>
        <section role="tabpanel" id="panel-followup" aria-labelledby="tab-followup" hidden={tab !== 'followup'}>
          <FollowUpTab profile={profile} onProfile={setProfile} today={state.today.date} />
        </section>
        <section role="tabpanel" id="panel-today" aria-labelledby="tab-today" hidden={tab !== 'today'}>
          <TodayTab
            today={state.today}
            onOpenKoc={showKoc}
            refreshing={today.busy}
            message={today.message}
            onRefresh={() => void today.run(() => call('getTodayList', {}), (list) => setState((s) => (s ? { ...s, today: list } : s)))}
          />
        </section>
      </main>
    </LangContext.Provider>
  );
}

render(<App />, document.getElementById('app')!);
