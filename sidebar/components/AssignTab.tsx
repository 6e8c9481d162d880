/**
 * Assign: pick an open task → the KOCs that fit, ranked, with why → offer to the ones ticked →
 * then move each assignment along (accepted / declined, submitted, published, results, reviewed).
 */
import { useEffect, useState } from 'preact/hooks';
import { holdsSlot } from '../../src/core/assignments';
import type { AssignmentView, AssignmentWriteResult, EndpointName, MatchView, RankedKocView, Result, TaskView } from '../../src/contract/sidebar-contract';
import { ASSIGNMENT_STATUSES, type Lang, label, sheetDef, TIERS } from '../../src/sheets/schema';
import { call, onWrite } from '../api';
import { enumText, tr, type UiKey } from '../text';
import { Alert, Badge, Button, Form, fmtNumber, Loading, SafeLink, Select, Status, TextArea, TextInput, useAction, useLang, useRefetch, useT } from './ui';


/** Writes that change a task's assignments. */
const ASSIGNMENT_WRITES: ReadonlySet<EndpointName> = new Set(['offerTask', 'respondToOffer', 'markSubmitted', 'markPublished', 'recordResults', 'reviewAssignment', 'cancelAssignment']);

export function AssignTab({ tasks, initialTaskId }: { tasks: TaskView[]; initialTaskId?: string }) {
  const t = useT();
  const [taskId, setTaskId] = useState(initialTaskId ?? '');
  const [match, setMatch] = useState<MatchView | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [due, setDue] = useState('');
  const [cost, setCost] = useState('');
  const [notes, setNotes] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const load = useAction();
  const offer = useAction();

  const pick = (id: string) => {
    setTaskId(id);
    setSelected([]);
    setDone(null);
    offer.clear();
    if (!id) {
      setMatch(null);
      return;
    }
    void load.run(() => call('matchTask', { taskId: id }), setMatch);
  };

  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));

  const submitOffer = () => {
    if (!match) return;
    setDone(null);
    void offer.run(
      () => call('offerTask', { taskId: match.task.id, kocIds: selected, due, cost, notes }, 'assign'),
      (data) => {
        // Saved even when the match could not be read again (data.note says so): ask again, quietly.
        if (data.match) setMatch(data.match);
        else rematch();
        setSelected([]);
        setDue('');
        setCost('');
        setNotes('');
        setDone([t('offered', { count: data.ids.length, ids: data.ids.join(', ') }), data.note].filter(Boolean).join(' '));
      },
    );
  };

  const updateAssignments = (list: AssignmentView[]) =>
    setMatch((m) => (m ? { ...m, assignments: list, task: { ...m.task, filled: list.filter((a) => holdsSlot(a.status ?? undefined)).length } } : m));

  // A step here answers with the task's assignments (and the slots filled follow from them). A
  // step refused, or a write made on a profile, may change more — who is ranked, who is left out:
  // ask for the task's match again, quietly.
  const rematch = useRefetch(match?.task.id ?? '', (taskId) => call('matchTask', { taskId }), setMatch);
  useEffect(
    () =>
      onWrite(({ name, origin }) => {
        if (origin !== 'assign' && ASSIGNMENT_WRITES.has(name)) rematch();
      }),
    [],
  );

  return (
    <div>
      {tasks.length === 0 ? <p class="muted">{t('noTasks')}</p> : null}
      <Select
        id="assign-task"
        label={t('task')}
        value={taskId}
        onChange={pick}
        placeholder={t('pickTask')}
        options={tasks.map((task) => ({ value: task.id, label: `${task.id} · ${task.title}` }))}
      />
      <Loading action={load} />
      {match && !load.busy ? (
        <div>
          <TaskCard task={match.task} />
          <h2 class="section">{t('ranked', { count: match.ranked.length })}</h2>
          {match.ranked.length === 0 ? <p class="muted">{t('noMatches')}</p> : null}
          <Form onSubmit={submitOffer}>
            <ul class="list" aria-label={t('ranked', { count: match.ranked.length })}>
              {match.ranked.map((k) => (
                <RankedRow key={k.id} koc={k} task={match.task} checked={selected.includes(k.id)} onToggle={() => toggle(k.id)} />
              ))}
            </ul>
            {offer.fieldErrors.kocIds ? (
              <div class="field-error" role="alert">
                {offer.fieldErrors.kocIds}
              </div>
            ) : null}
            {match.ranked.length ? (
              <fieldset class="box">
                <legend>{t('offerTo', { count: selected.length })}</legend>
                <TextInput id="offer-due" label={t('offerDue')} type="date" value={due} onInput={setDue} error={offer.fieldErrors.due} />
                <TextInput id="offer-cost" label={t('offerCost')} value={cost} onInput={setCost} inputMode="decimal" error={offer.fieldErrors.cost} />
                <TextArea id="offer-notes" label={t('notes')} value={notes} onInput={setNotes} rows={2} error={offer.fieldErrors.notes} />
                <Alert message={offer.fieldErrors.kocIds ? null : offer.message} />
                <Button kind="action" type="submit" busy={offer.busy} disabled={selected.length === 0}>
                  {t('offerTo', { count: selected.length })}
                </Button>
              </fieldset>
            ) : null}
          </Form>
          <Status message={done} />
          {match.excluded.length ? (
            <details class="excluded">
              <summary>{t('excluded', { count: match.excluded.length })}</summary>
              <ul class="list">
                {match.excluded.map((k) => (
                  <li key={k.id} class="item">
                    <span class="name">{k.name}</span> <span class="muted">{k.id}</span>
                    <div class="muted">{(k.reasons ?? []).map((r) => t(`reason_${r}` as UiKey)).join(' · ')}</div>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          <h2 class="section">{t('assignments')}</h2>
          {match.assignments.length === 0 ? <p class="muted">{t('noAssignments')}</p> : null}
          <ul class="list" aria-label={t('assignments')}>
            {match.assignments.map((a) => (
              <AssignmentCard key={a.id} assignment={a} onUpdated={(r) => (r.taskAssignments ? updateAssignments(r.taskAssignments) : rematch())} onRefused={rematch} />
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

function TaskCard({ task }: { task: TaskView }) {
  const t = useT();
  const lang = useLang();
  return (
    <div class="card">
      <div class="card-title">{task.title}</div>
      <dl class="facts">
        {task.product ? <Fact label={t('product')} value={task.product} /> : null}
        <Fact label={t('minTier')} value={enumText(TIERS, task.minTier, lang)} />
        <Fact label={t('slots')} value={task.slots === null ? '—' : t('slotsFilled', { filled: task.filled, slots: task.slots })} />
        <Fact label={t('budget')} value={fmtNumber(task.budgetPerKoc, lang)} />
        <Fact label={t('due')} value={task.due ?? '—'} />
      </dl>
      {task.brief ? <p class="brief">{task.brief}</p> : null}
    </div>
  );
}

export function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div class="fact">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function RankedRow({ koc, task, checked, onToggle }: { koc: RankedKocView; task: TaskView; checked: boolean; onToggle: () => void }) {
  const t = useT();
  const lang = useLang();
  const id = `pick-${koc.id}`;
  const why = [...koc.matched.categories, ...koc.matched.formats, ...koc.matched.styles, ...koc.matched.audiences];
  if (task.minTier) why.push(tr(lang, 'tierOk', { tier: enumText(TIERS, koc.tier, lang), min: enumText(TIERS, task.minTier, lang) }));
  return (
    <li class="item ranked">
      <div class="row">
        <input type="checkbox" id={id} checked={checked} onChange={onToggle} />
        <label for={id} class="name">
          {koc.name || koc.id}
        </label>
        <span class="muted">{koc.id}</span>
      </div>
      <div class="meta">
        <Badge tone={koc.tier}>{enumText(TIERS, koc.tier, lang)}</Badge> {t('score')} {fmtNumber(koc.score, lang)} · {t('fit')} {Math.round(koc.fit)}% ·{' '}
        {t('workload')} {koc.workload} · {t('cost')} {fmtNumber(koc.cost, lang)}
      </div>
      {why.length ? (
        <div class="why">
          {t('why')}: {why.join(', ')}
        </div>
      ) : null}
    </li>
  );
}

/**
 * One assignment and the steps it may take next, each one server call. Headed by the KOC on the
 * Assign tab (one task, many KOCs) and by the task on a KOC's profile (one KOC, many tasks).
 */
export function AssignmentCard({
  assignment: a,
  onUpdated,
  onRefused,
  heading = 'koc',
}: {
  assignment: AssignmentView;
  onUpdated: (result: AssignmentWriteResult) => void;
  /** A step the server refused: the card may be out of date (moved elsewhere a moment ago). */
  onRefused?: () => void;
  heading?: 'koc' | 'task';
}) {
  const t = useT();
  const lang = useLang();
  const act = useAction();
  const [form, setForm] = useState<'decline' | 'cancel' | null>(null);
  const [reason, setReason] = useState('');
  const [url, setUrl] = useState(a.contentUrl);
  const [quality, setQuality] = useState('');
  const [reviewNotes, setReviewNotes] = useState('');
  const [results, setResults] = useState<Record<string, string>>(() => {
    const r: Record<string, string> = {};
    for (const f of RESULT_FIELDS) r[f] = a[f] === null ? '' : String(a[f]);
    return r;
  });
  const [saved, setSaved] = useState<string | null>(null);
  const done = (data: AssignmentWriteResult) => {
    setForm(null);
    setReason('');
    setSaved(data.note ?? t('saved'));
    onUpdated(data);
  };
  const title = heading === 'task' ? a.taskTitle || a.taskId : a.kocName || a.kocId;
  // One server call per step; "Saved." from the last one goes as this one starts.
  const origin = heading === 'task' ? 'profile' : 'assign';
  const step = (send: () => Promise<Result<AssignmentWriteResult>>) => {
    setSaved(null);
    void act.run(send, done).then((ok) => {
      if (!ok) onRefused?.();
    });
  };
  // The same assignment can show on the Assign tab and on the profile at once: ids must differ.
  const p = `${heading}-${a.id}`;
  const can = (s: string) => a.next.includes(s as never);
  const showResults = a.status === 'published' || a.status === 'reviewed';

  return (
    <li class="item assignment" data-assignment={a.id} aria-label={`${title} ${a.id}`}>
      <div class="row">
        <span class="name">{title}</span>
        <Badge tone={a.status ?? 'none'}>{enumText(ASSIGNMENT_STATUSES, a.status, lang)}</Badge>
      </div>
      <div class="muted">
        {a.id} · {a.offered ?? ''}
        {a.due ? ` → ${a.due}` : ''}
      </div>
      {a.contentUrl ? (
        <div>
          <SafeLink url={a.contentUrl} />
        </div>
      ) : null}
      {a.quality !== null ? (
        <div class="muted">
          {t('quality')}: {a.quality}
        </div>
      ) : null}
      {a.notes ? <div class="notes">{a.notes}</div> : null}
      <div class="actions">
        {can('accepted') ? (
          <Button kind="action" busy={act.busy} onClick={() => step(() => call('respondToOffer', { assignmentId: a.id, answer: 'accepted' }, origin))}>
            {t('accept')}
          </Button>
        ) : null}
        {can('declined') ? <Button onClick={() => setForm(form === 'decline' ? null : 'decline')}>{t('decline')}</Button> : null}
        {can('submitted') ? (
          <Button kind="action" busy={act.busy} onClick={() => step(() => call('markSubmitted', { assignmentId: a.id }, origin))}>
            {t('submitted')}
          </Button>
        ) : null}
        {can('cancelled') ? <Button onClick={() => setForm(form === 'cancel' ? null : 'cancel')}>{t('cancel')}</Button> : null}
      </div>
      {form ? (
        <Form class="box" onSubmit={() => {
            if (form === 'decline') step(() => call('respondToOffer', { assignmentId: a.id, answer: 'declined', reason }, origin));
            else step(() => call('cancelAssignment', { assignmentId: a.id, reason }, origin));
          }}>
          <TextArea id={`${p}-reason`} label={t(form === 'decline' ? 'declineReason' : 'cancelReason')} value={reason} onInput={setReason} rows={2} error={act.fieldErrors.reason} />
          <Button kind="action" type="submit" busy={act.busy}>
            {t(form === 'decline' ? 'confirmDecline' : 'confirmCancel')}
          </Button>
        </Form>
      ) : null}
      {can('published') ? (
        <Form class="box" onSubmit={() => {
            step(() => call('markPublished', { assignmentId: a.id, contentUrl: url }, origin));
          }}>
          <TextInput id={`${p}-url`} label={t('contentUrl')} type="url" value={url} onInput={setUrl} error={act.fieldErrors.contentUrl} />
          <Button kind="action" type="submit" busy={act.busy}>
            {t('published')}
          </Button>
        </Form>
      ) : null}
      {showResults ? (
        <Form class="box" label={t('results')} onSubmit={() => {
            step(() => call('recordResults', { assignmentId: a.id, ...results }, origin));
          }}>
          <fieldset>
            <legend>{t('results')}</legend>
            <div class="grid2">
              {RESULT_FIELDS.map((f) => (
                <TextInput
                  key={f}
                  id={`${p}-${f}`}
                  label={resultLabel(f, lang)}
                  value={results[f]}
                  inputMode="decimal"
                  onInput={(v) => setResults((r) => ({ ...r, [f]: v }))}
                  error={act.fieldErrors[f]}
                />
              ))}
            </div>
          </fieldset>
          <Button kind="secondary" type="submit" busy={act.busy}>
            {t('saveResults')}
          </Button>
        </Form>
      ) : null}
      {can('reviewed') ? (
        <Form class="box" onSubmit={() => {
            step(() => call('reviewAssignment', { assignmentId: a.id, quality: Number(quality), notes: reviewNotes }, origin));
          }}>
          <Select
            id={`${p}-quality`}
            label={t('quality')}
            value={quality}
            onChange={setQuality}
            placeholder={t('choose')}
            options={['5', '4', '3', '2', '1'].map((q) => ({ value: q, label: q }))}
            error={act.fieldErrors.quality}
          />
          <TextArea id={`${p}-review-notes`} label={t('notes')} value={reviewNotes} onInput={setReviewNotes} rows={2} error={act.fieldErrors.notes} />
          <Button kind="action" type="submit" busy={act.busy}>
            {t('review')}
          </Button>
        </Form>
      ) : null}
      <Alert message={act.message} />
      <Status message={saved} />
    </li>
  );
}

const RESULT_FIELDS = ['likes', 'collects', 'comments', 'shares', 'leads', 'orders', 'gmv'] as const;
const ASSIGNMENT_COLUMNS = sheetDef('assignments').columns;

/** Result fields are labelled as their Assignments columns are. */
function resultLabel(f: (typeof RESULT_FIELDS)[number], lang: Lang): string {
  return label(ASSIGNMENT_COLUMNS.find((c) => c.key === f)!, lang);
}
