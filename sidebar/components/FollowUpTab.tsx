/**
 * Follow up: find a KOC → profile card (tier, stage, score, next action, recent contacts, open
 * incidents, open tasks) → log a contact, log or resolve an incident. A Negative contact or a
 * High/Critical incident brings back a suggested next step from the playbook.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { KocProfile, KocSummary, KocWriteResult, Result } from '../../src/contract/sidebar-contract';
import {
  CONTACT_CHANNELS,
  FOLLOWUP_TYPES,
  INCIDENT_KINDS,
  PLATFORMS,
  SENTIMENTS,
  SEVERITIES,
  STAGES,
  TIERS,
} from '../../src/sheets/schema';
import { call, onWrite } from '../api';
import { enumText } from '../text';
import { AssignmentCard, Fact } from './AssignTab';
import { Alert, Badge, Button, enumOptions, Form, fmtNumber, Loading, Select, Status, TextArea, TextInput, useAction, useLang, useRefetch, useT } from './ui';

export function FollowUpTab({ profile, onProfile, today }: { profile: KocProfile | null; onProfile: (p: KocProfile) => void; today: string }) {
  const t = useT();
  const lang = useLang();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<KocSummary[] | null>(null);
  const search = useAction();
  const open = useAction();
  // Another KOC opened (from Today, say): the old search results would push its card out of view.
  useEffect(() => setResults(null), [profile?.id]);

  return (
    <div>
      <Form onSubmit={() => {
          void search.run(() => call('searchKocs', { query }), setResults);
        }}>
        <TextInput id="koc-search" label={t('findKoc')} type="search" value={query} onInput={setQuery} error={search.fieldErrors.query} />
        <Button kind="action" type="submit" busy={search.busy}>
          {t('search')}
        </Button>
      </Form>
      <Alert message={search.message} />
      {results ? (
        results.length === 0 ? (
          <p class="muted" role="status">
            {t('noResults')}
          </p>
        ) : (
          <ul class="list" aria-label={t('searchResults')}>
            {results.map((k) => (
              <li key={k.id} class="item">
                <button
                  type="button"
                  class="link"
                  onClick={() =>
                    void open.run(
                      () => call('getKocProfile', { kocId: k.id }),
                      (p) => {
                        setResults(null);
                        onProfile(p);
                      },
                    )
                  }
                >
                  {k.name || k.id}
                </button>{' '}
                <span class="muted">
                  {k.id} · {enumText(PLATFORMS, k.platform, lang)}
                  {k.tier ? ` · ${enumText(TIERS, k.tier, lang)}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )
      ) : null}
      <Loading action={open} />
      {profile ? <Profile key={profile.id} profile={profile} onProfile={onProfile} today={today} /> : null}
    </div>
  );
}

function Profile({ profile: p, onProfile, today }: { profile: KocProfile; onProfile: (p: KocProfile) => void; today: string }) {
  const t = useT();
  const lang = useLang();
  const [suggestion, setSuggestion] = useState<string | null>(null);
  const written = (r: KocWriteResult) => {
    setSuggestion(r.suggestion);
    // Saved even when the profile could not be read again (r.note says so): ask again, quietly.
    if (r.profile) onProfile(r.profile);
    else reload();
  };
  // Fresh from the server, quietly: after a refused step, or when an offer or a step on the
  // Assign tab changed this KOC's open tasks.
  const reload = useRefetch(p.id, (kocId) => call('getKocProfile', { kocId }), onProfile);
  useEffect(
    () =>
      onWrite(({ origin }) => {
        if (origin !== 'profile') reload();
      }),
    [],
  );
  // Opened (from Today, a search, the cursor): focus the card's name so a screen reader says it,
  // without moving the page: the header, tabs and search stay in view above the card. Only a
  // card out of sight (opened from further down Today) is scrolled, just enough to show it.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
    heading.current?.scrollIntoView({ block: 'nearest' });
  }, [p.id]);
  // The playbook's suggestion shows at the top of the card: bring it into view when it comes.
  const suggested = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (suggestion) suggested.current?.scrollIntoView({ block: 'nearest' });
  }, [suggestion]);
  return (
    <section class="card profile" aria-labelledby="profile-name">
      <h2 class="card-title" id="profile-name" tabIndex={-1} ref={heading}>
        {p.name || p.id} <span class="muted">{p.id}</span>
      </h2>
      <div class="meta">
        {p.tier ? <Badge tone={p.tier}>{enumText(TIERS, p.tier, lang)}</Badge> : null}
        {p.tierOverridden ? <span class="muted"> {t('override')}</span> : null} {enumText(PLATFORMS, p.platform, lang)}
      </div>
      <dl class="facts">
        <Fact label={t('stage')} value={enumText(STAGES, p.stage, lang)} />
        <Fact label={t('score')} value={fmtNumber(p.score, lang)} />
        <Fact label={t(p.firstContact ? 'firstContactDeadline' : 'nextFollowUp')} value={p.nextFollowUp ?? '—'} />
      </dl>
      <div class="next-action">
        <strong>{t('nextAction')}:</strong> {p.nextAction || '—'}
      </div>
      {suggestion ? (
        <div class="suggestion" role="status" aria-live="polite" ref={suggested}>
          <strong>{t('suggested')}:</strong> {suggestion}
        </div>
      ) : null}

      <h3 class="section">{t('recentContacts')}</h3>
      {p.followUps.length === 0 ? <p class="muted">{t('noContacts')}</p> : null}
      <ul class="list">
        {p.followUps.map((f) => (
          <li key={f.id || `${f.date}-${f.summary}`} class="item">
            <div class="muted">
              {f.date ?? ''} · {enumText(CONTACT_CHANNELS, f.channel, lang)} · {enumText(FOLLOWUP_TYPES, f.type, lang)} · {enumText(SENTIMENTS, f.sentiment, lang)}
            </div>
            <div class="notes">{f.summary}</div>
          </li>
        ))}
      </ul>

      <h3 class="section">{t('openIncidents')}</h3>
      {p.incidents.length === 0 ? <p class="muted">{t('noIncidents')}</p> : null}
      <ul class="list">
        {p.incidents.map((i) => (
          <IncidentItem key={i.id} incident={i} onWritten={written} />
        ))}
      </ul>

      <h3 class="section">{t('openAssignments')}</h3>
      {p.assignments.length === 0 ? <p class="muted">{t('noOpenAssignments')}</p> : null}
      <ul class="list">
        {p.assignments.map((a) => (
          // The card stays after a step (its new status and "Saved" showing) until the profile reloads.
          <AssignmentCard
            key={a.id}
            assignment={a}
            heading="task"
            onUpdated={(r) => {
              const updated = r.assignment;
              if (updated) onProfile({ ...p, assignments: p.assignments.map((x) => (x.id === updated.id ? updated : x)) });
              else reload();
            }}
            onRefused={reload}
          />
        ))}
      </ul>

      <ContactForm kocId={p.id} today={today} onWritten={written} />
      <IncidentForm kocId={p.id} today={today} onWritten={written} />
    </section>
  );
}

function IncidentItem({ incident: i, onWritten }: { incident: KocProfile['incidents'][number]; onWritten: (r: KocWriteResult) => void }) {
  const t = useT();
  const lang = useLang();
  const act = useAction();
  const [resolution, setResolution] = useState('');
  const id = `resolve-${i.id}`;
  return (
    <li class="item">
      <Badge tone={i.severity ?? 'none'}>{enumText(SEVERITIES, i.severity, lang)}</Badge> {enumText(INCIDENT_KINDS, i.kind, lang)}{' '}
      <span class="muted">
        {i.id} · {i.opened ?? ''}
      </span>
      <div class="notes">{i.description}</div>
      <Form onSubmit={() => {
          void act.run(() => call('resolveIncident', { incidentId: i.id, resolution }, 'profile'), onWritten);
        }}>
        <TextArea id={id} label={t('resolution')} value={resolution} onInput={setResolution} rows={2} error={act.fieldErrors.resolution} />
        <Button kind="secondary" type="submit" busy={act.busy}>
          {t('resolve')}
        </Button>
        <Alert message={act.message} />
      </Form>
    </li>
  );
}

type Fields<T> = { v: T; set: (k: keyof T) => (value: string) => void; e: Record<string, string> };

/**
 * A form that appends one record for a KOC: keeps what the user typed on an error (the fields
 * show their messages), clears itself and reports the write on success.
 */
function WriteForm<T extends Record<string, string>>(props: {
  id: string;
  title: string;
  submit: string;
  blank: T;
  send: (values: T) => Promise<Result<KocWriteResult>>;
  onWritten: (r: KocWriteResult) => void;
  children: (fields: Fields<T>) => ComponentChildren;
}) {
  const t = useT();
  const act = useAction();
  const [v, setV] = useState(props.blank);
  const [saved, setSaved] = useState<string | null>(null);
  const set = (k: keyof T) => (value: string) => setV((old) => ({ ...old, [k]: value }));
  return (
    <Form
      class="box"
      labelledBy={props.id}
      onSubmit={() => {
        setSaved(null);
        void act.run(
          () => props.send(v),
          (r) => {
            setV(props.blank);
            setSaved(r.note ?? t('saved'));
            props.onWritten(r);
          },
        );
      }}
    >
      <h3 class="section" id={props.id}>
        {props.title}
      </h3>
      {props.children({ v, set, e: act.fieldErrors })}
      <Alert message={act.message} />
      <Button kind="action" type="submit" busy={act.busy}>
        {props.submit}
      </Button>
      <Status message={saved} />
    </Form>
  );
}

function ContactForm({ kocId, today, onWritten }: { kocId: string; today: string; onWritten: (r: KocWriteResult) => void }) {
  const t = useT();
  const lang = useLang();
  const blank = { date: today, channel: 'wechat', type: 'checkin', summary: '', sentiment: 'neutral', nextFollowUp: '' };
  return (
    <WriteForm id="contact-title" title={t('logContact')} submit={t('saveContact')} blank={blank} send={(v) => call('logFollowUp', { kocId, ...v }, 'profile')} onWritten={onWritten}>
      {({ v, set, e }) => (
        <>
          <TextInput id="fu-date" label={t('date')} type="date" value={v.date} onInput={set('date')} error={e.date} />
          <Select id="fu-channel" label={t('channel')} value={v.channel} onChange={set('channel')} options={enumOptions(CONTACT_CHANNELS, lang)} error={e.channel} />
          <Select id="fu-type" label={t('type')} value={v.type} onChange={set('type')} options={enumOptions(FOLLOWUP_TYPES, lang)} error={e.type} />
          <TextArea id="fu-summary" label={t('summary')} value={v.summary} onInput={set('summary')} error={e.summary} />
          <Select id="fu-sentiment" label={t('sentiment')} value={v.sentiment} onChange={set('sentiment')} options={enumOptions(SENTIMENTS, lang)} error={e.sentiment} />
          <TextInput id="fu-next" label={t('nextFollowUp')} type="date" value={v.nextFollowUp} onInput={set('nextFollowUp')} error={e.nextFollowUp} />
        </>
      )}
    </WriteForm>
  );
}

function IncidentForm({ kocId, today, onWritten }: { kocId: string; today: string; onWritten: (r: KocWriteResult) => void }) {
  const t = useT();
  const lang = useLang();
  const blank = { opened: today, severity: 'medium', kind: 'objection', description: '' };
  return (
    <WriteForm id="incident-title" title={t('logIncident')} submit={t('saveIncident')} blank={blank} send={(v) => call('logIncident', { kocId, ...v }, 'profile')} onWritten={onWritten}>
      {({ v, set, e }) => (
        <>
          <TextInput id="inc-opened" label={t('date')} type="date" value={v.opened} onInput={set('opened')} error={e.opened} />
          <Select id="inc-severity" label={t('severity')} value={v.severity} onChange={set('severity')} options={enumOptions(SEVERITIES, lang)} error={e.severity} />
          <Select id="inc-kind" label={t('kind')} value={v.kind} onChange={set('kind')} options={enumOptions(INCIDENT_KINDS, lang)} error={e.kind} />
          <TextArea id="inc-description" label={t('description')} value={v.description} onInput={set('description')} error={e.description} />
        </>
      )}
    </WriteForm>
  );
}
