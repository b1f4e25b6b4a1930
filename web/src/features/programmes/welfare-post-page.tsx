import { chinaMonth } from '@anju/domain/clock';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams, useSearchParams } from 'react-router-dom';
import { QueryError } from '../../shared/query-error.tsx';
import { useMe } from '../auth/use-me.ts';
import { useAssign, useAssignment, useAssignmentMonths, useRecordMonth, useRotate, useWelfarePost } from './api.ts';
import { Card, Fold, PersonPicker, Refusal, useRefusalText } from './parts.tsx';
import { useEligibilityText } from './welfare-posts-page.tsx';

type Assignment = NonNullable<ReturnType<typeof useWelfarePost>['data']>['assignments'][number];

/** One 公益性岗位: who holds it, assignment with a term (eligibility and household cap checked by the API), attendance and pay. */
export function WelfarePostPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe();
  const post = useWelfarePost(id);
  const eligibility = useEligibilityText();
  const writer = me.data?.role === 'worker' || me.data?.role === 'admin';
  const data = post.data;
  // The worklist's 任期将满 card opens the post with `?rotate=<assignment>`: that term's rotation form open.
  const rotating = useSearchParams()[0].get('rotate');
  return (
    <section aria-labelledby="post-title">
      <p>
        <Link to="/programmes/welfare-posts">‹ {t('programmes.welfare.title')}</Link>
      </p>
      <QueryError query={post} />
      {data ? (
        <>
          <h1 id="post-title">{data.title}</h1>
          <p>
            {data.siteName} · {t('programmes.welfare.filled', { filled: data.filled, quota: data.quota })} ·{' '}
            {t('programmes.perMonth', { amount: data.monthlyPayYuan })}
          </p>
          <p className="programmes-muted">{eligibility(data.eligibility)}</p>
          {writer ? <AssignForm postId={data.id} /> : null}
          <h2>{t('programmes.welfare.holders')}</h2>
          {data.assignments.length === 0 ? <p>{t('programmes.empty')}</p> : null}
          <ul className="programmes-list" data-testid="assignments">
            {data.assignments.map((assignment) => (
              <AssignmentCard
                key={assignment.id}
                assignment={assignment}
                writer={writer}
                rotating={rotating === assignment.id}
              />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function AssignForm({ postId }: { postId: string }) {
  const { t } = useTranslation();
  const assign = useAssign(postId);
  const refusal = useRefusalText();
  const [personId, setPersonId] = useState('');
  const [startOn, setStartOn] = useState('');
  const [endOn, setEndOn] = useState('');
  return (
    <Fold label={`＋ ${t('programmes.welfare.assignTitle')}`}>
      <form
        className="programmes-form"
        onSubmit={(event) => {
          event.preventDefault();
          assign.mutate({ personId, startOn, endOn }, { onSuccess: () => setPersonId('') });
        }}
      >
        <PersonPicker value={personId} onChange={setPersonId} />
        <label>
          {t('programmes.welfare.startOn')}
          <input type="date" value={startOn} onChange={(e) => setStartOn(e.target.value)} />
        </label>
        <label>
          {t('programmes.welfare.endOn')}
          <input type="date" value={endOn} onChange={(e) => setEndOn(e.target.value)} />
        </label>
        <Refusal text={assign.isError ? refusal(assign.error, 'programmes.welfare.problems') : null} />
        <button type="submit" className="programmes-primary" disabled={assign.isPending || !personId}>
          {t('programmes.welfare.assign')}
        </button>
      </form>
    </Fold>
  );
}

function AssignmentCard({
  assignment,
  writer,
  rotating,
}: {
  assignment: Assignment;
  writer: boolean;
  rotating: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Card title={assignment.personName ?? '—'} testId="assignment">
      <p>
        {t('programmes.welfare.term', { start: assignment.startOn, end: assignment.endOn })}
        {assignment.endedOn ? ` · ${t('programmes.welfare.endedOn', { date: assignment.endedOn })}` : ''}
      </p>
      {writer && !assignment.endedOn ? <RotateForm assignment={assignment} open={rotating} /> : null}
      {open ? (
        <Months assignmentId={assignment.id} writer={writer} />
      ) : (
        <button type="button" className="programmes-secondary" onClick={() => setOpen(true)}>
          {t('programmes.welfare.attendance')}
        </button>
      )}
    </Card>
  );
}

function Months({ assignmentId, writer }: { assignmentId: string; writer: boolean }) {
  const { t } = useTranslation();
  const months = useAssignmentMonths(assignmentId);
  const record = useRecordMonth(assignmentId);
  const refusal = useRefusalText();
  const [month, setMonth] = useState(chinaMonth());
  const [days, setDays] = useState('');
  const [pay, setPay] = useState('');
  return (
    <div data-testid="months">
      <h3>{t('programmes.welfare.attendance')}</h3>
      <QueryError query={months} />
      {months.data?.items.map((row) => (
        <p key={row.id}>
          {t('programmes.welfare.monthRow', { month: row.month, days: row.attendanceDays, pay: row.payYuan })}
        </p>
      ))}
      {writer ? (
        <form
          className="programmes-form"
          onSubmit={(event) => {
            event.preventDefault();
            record.mutate({ month, attendanceDays: Number(days), payYuan: Number(pay) });
          }}
        >
          <label>
            {t('programmes.welfare.month')}
            <input type="month" value={month} onChange={(e) => setMonth(e.target.value)} />
          </label>
          <label>
            {t('programmes.welfare.attendanceDays')}
            <input inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} />
          </label>
          <label>
            {t('programmes.welfare.pay')}
            <input inputMode="decimal" value={pay} onChange={(e) => setPay(e.target.value)} />
          </label>
          <Refusal text={record.isError ? refusal(record.error, 'programmes.welfare.problems') : null} />
          <button type="submit" className="programmes-primary" disabled={record.isPending}>
            {t('programmes.welfare.recordMonth')}
          </button>
        </form>
      ) : null}
    </div>
  );
}

/** 轮换: end this term on its last day and put the next eligible person on the post from the day after. */
function RotateForm({ assignment, open }: { assignment: Assignment; open: boolean }) {
  const { t } = useTranslation();
  const rotate = useRotate(assignment.id);
  const refusal = useRefusalText();
  const [personId, setPersonId] = useState('');
  const [endOn, setEndOn] = useState('');
  return (
    <Fold label={`🔄 ${t('programmes.welfare.rotateTitle')}`} open={open}>
      <form
        className="programmes-form"
        data-testid="rotate-form"
        onSubmit={(event) => {
          event.preventDefault();
          rotate.mutate({ personId, endOn });
        }}
      >
        <p className="programmes-muted">{t('programmes.welfare.rotateHint', { date: assignment.endOn })}</p>
        <PersonPicker value={personId} onChange={setPersonId} />
        <label>
          {t('programmes.welfare.nextEndOn')}
          <input type="date" value={endOn} onChange={(e) => setEndOn(e.target.value)} />
        </label>
        <Refusal text={rotate.isError ? refusal(rotate.error, 'programmes.welfare.problems') : null} />
        <button type="submit" className="programmes-primary" disabled={rotate.isPending || !personId || !endOn}>
          {t('programmes.welfare.rotate')}
        </button>
      </form>
    </Fold>
  );
}

/** `/programmes/welfare-posts/assignments/:id` (the worklist's 任期将满 card): opens the post with that term's rotation. */
export function AssignmentRotationPage() {
  const { id = '' } = useParams();
  const assignment = useAssignment(id);
  return assignment.data ? (
    <Navigate replace to={`/programmes/welfare-posts/${assignment.data.postId}?rotate=${assignment.data.id}`} />
  ) : (
    <QueryError query={assignment} />
  );
}
