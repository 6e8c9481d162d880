/**
 * Today: overdue and due follow-ups, first contacts (KOCs never contacted, apart: not late until
 * their deadline passes), open High/Critical incidents, offers waiting too long for an
 * answer. Every line opens its KOC on the Follow up tab in one click.
 */
import type { TodayList } from '../../src/contract/sidebar-contract';
import { INCIDENT_KINDS, SEVERITIES } from '../../src/sheets/schema';
import { enumText } from '../text';
import { Alert, Badge, Button, useLang, useT } from './ui';

export interface TodayProps {
  today: TodayList;
  onOpenKoc: (kocId: string) => void;
  onRefresh: () => void;
  refreshing: boolean;
  message: string | null;
}

export function TodayTab({ today, onOpenKoc, onRefresh, refreshing, message }: TodayProps) {
  const t = useT();
  const lang = useLang();
  const open = (kocId: string, name: string) => (
    <button type="button" class="link" onClick={() => onOpenKoc(kocId)} aria-label={t('openKoc', { name: name || kocId })}>
      {name || kocId}
    </button>
  );
  return (
    <div>
      <div class="row spread">
        <span class="muted">{t('todayFor', { date: today.date })}</span>
        <Button onClick={onRefresh} busy={refreshing}>
          {t('refresh')}
        </Button>
      </div>
      <Alert message={message} />
      <Section title={t('overdue')} count={today.overdue.length} id="today-overdue">
        {today.overdue.map((f) => (
          <li key={f.kocId} class="item">
            {open(f.kocId, f.kocName)} <span class="muted">{f.kocId}</span> <Badge tone="high">{t('daysLate', { days: f.daysLate })}</Badge>
            {f.lastSummary ? <div class="muted clip">{f.lastSummary}</div> : null}
          </li>
        ))}
      </Section>
      <Section title={t('dueToday')} count={today.dueToday.length} id="today-due">
        {today.dueToday.map((f) => (
          <li key={f.kocId} class="item">
            {open(f.kocId, f.kocName)} <span class="muted">{f.kocId}</span>
            {f.lastSummary ? <div class="muted clip">{f.lastSummary}</div> : null}
          </li>
        ))}
      </Section>
      <Section title={t('firstContacts')} count={today.firstContactCount} id="today-first">
        {today.firstContacts.map((f) => (
          <li key={f.kocId} class="item">
            {open(f.kocId, f.kocName)} <span class="muted">{f.kocId}</span>{' '}
            {f.daysLate > 0 ? (
              <Badge tone="high">{t('daysLate', { days: f.daysLate })}</Badge>
            ) : f.daysLate === 0 ? (
              <Badge tone="medium">{t('dueToday')}</Badge>
            ) : (
              <span class="muted">{t('firstContactBy', { date: f.due })}</span>
            )}
          </li>
        ))}
        {today.firstContactCount > today.firstContacts.length ? (
          <li class="muted">{t('firstContactMore', { shown: today.firstContacts.length, count: today.firstContactCount })}</li>
        ) : null}
      </Section>
      <Section title={t('urgentIncidents')} count={today.incidents.length} id="today-incidents">
        {today.incidents.map((i) => (
          <li key={i.id} class="item">
            {open(i.kocId, i.kocName)} <Badge tone={i.severity ?? 'none'}>{enumText(SEVERITIES, i.severity, lang)}</Badge>{' '}
            <span class="muted">
              {enumText(INCIDENT_KINDS, i.kind, lang)} · {i.opened ?? ''}
            </span>
            {i.lateDays ? <Badge tone="critical">{t('pastDeadline', { days: i.lateDays })}</Badge> : null}
            <div class="clip">{i.description}</div>
          </li>
        ))}
      </Section>
      <Section title={t('staleOffers', { days: today.offerStaleDays })} count={today.staleOffers.length} id="today-offers">
        {today.staleOffers.map((a) => (
          <li key={a.id} class="item">
            {open(a.kocId, a.kocName)} <span class="muted">{t('waiting', { days: a.waitingDays })}</span>
            <div class="muted clip">
              {a.taskId} · {a.taskTitle}
            </div>
          </li>
        ))}
      </Section>
    </div>
  );
}

function Section({ title, count, id, children }: { title: string; count: number; id: string; children: preact.ComponentChildren }) {
  const t = useT();
  return (
    <section aria-labelledby={id}>
      <h2 class="section" id={id}>
        {title} <span class="count">{count}</span>
      </h2>
      {count === 0 ? <p class="muted">{t('nothing')}</p> : <ul class="list">{children}</ul>}
    </section>
  );
}
