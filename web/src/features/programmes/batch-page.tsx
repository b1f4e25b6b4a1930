import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { QueryError } from '../../shared/query-error.tsx';
import { useMe } from '../auth/use-me.ts';
import { type MemberInput, useAddMember, useBatch } from './api.ts';
import { Card, Fold, PersonPicker, Refusal, useRefusalText } from './parts.tsx';

type Member = NonNullable<ReturnType<typeof useBatch>['data']>['members'][number];

/** One batch: who goes, transport, each migrant's workplace, contract, pay and 稳岗 follow-ups. */
export function BatchPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe();
  const batch = useBatch(id);
  const writer = me.data?.role === 'worker' || me.data?.role === 'admin';
  const data = batch.data;
  return (
    <section aria-labelledby="batch-title">
      <p>
        <Link to="/programmes/labour-export">‹ {t('programmes.labour.title')}</Link>
      </p>
      <QueryError query={batch} />
      {data ? (
        <>
          <h1 id="batch-title">{data.destinationEmployer}</h1>
          <p>
            {data.destinationRegion} · {t(`programmes.transports.${data.transport}`)} ·{' '}
            {t('programmes.labour.departs', { date: data.departureDate })}
          </p>
          <p className="programmes-muted">
            {data.siteName} · {t('programmes.labour.organiser')}：{data.organiser}
          </p>
          {writer ? <AddMemberForm batchId={data.id} /> : null}
          <h2>{t('programmes.labour.who')}</h2>
          {data.members.length === 0 ? <p>{t('programmes.empty')}</p> : null}
          <ul className="programmes-list" data-testid="members">
            {data.members.map((member) => (
              <MemberCard key={member.id} member={member} writer={writer} />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export function MemberFacts({ member }: { member: Member }) {
  const { t } = useTranslation();
  return (
    <>
      {member.workplace ? <p>📍 {member.workplace}</p> : null}
      <p>
        {member.contractStart && member.contractEnd
          ? t('programmes.labour.contract', { start: member.contractStart, end: member.contractEnd })
          : t('programmes.labour.noContract')}
        {member.monthlyPayYuan !== null ? ` · ${t('programmes.labour.pay', { amount: member.monthlyPayYuan })}` : ''}
      </p>
      {member.followups.map((followup) => (
        <p key={followup.id} data-testid="followup">
          ☎ {t('programmes.labour.milestone', { months: followup.milestoneMonths })} {followup.followedUpOn}：
          {t(`programmes.outcomes.${followup.outcome}`)}
          {followup.reason ? `（${followup.reason}）` : ''}
        </p>
      ))}
      {member.due.slice(0, 1).map((due) => (
        <p key={due.milestoneMonths} className={due.overdue ? 'programmes-refusal' : 'programmes-muted'}>
          ⏰{' '}
          {t(due.overdue ? 'programmes.labour.overdue' : 'programmes.labour.due', {
            months: due.milestoneMonths,
            date: due.dueOn,
          })}
        </p>
      ))}
    </>
  );
}

function MemberCard({ member, writer }: { member: Member; writer: boolean }) {
  const { t } = useTranslation();
  return (
    <Card title={member.personName ?? '—'} testId="member">
      <MemberFacts member={member} />
      {writer && member.due.length > 0 ? (
        <Link className="programmes-primary" to={`/programmes/labour-export/members/${member.id}`}>
          {t('programmes.labour.recordFollowup')}
        </Link>
      ) : null}
    </Card>
  );
}

function AddMemberForm({ batchId }: { batchId: string }) {
  const { t } = useTranslation();
  const add = useAddMember(batchId);
  const refusal = useRefusalText();
  const [personId, setPersonId] = useState('');
  const [workplace, setWorkplace] = useState('');
  const [contractStart, setContractStart] = useState('');
  const [contractEnd, setContractEnd] = useState('');
  const [pay, setPay] = useState('');
  const submit = () => {
    const input: MemberInput = {
      personId,
      workplace: workplace || null,
      contractStart: contractStart || null,
      contractEnd: contractEnd || null,
      monthlyPayYuan: pay ? Number(pay) : null,
    };
    add.mutate(input, { onSuccess: () => setPersonId('') });
  };
  return (
    <Fold label={`＋ ${t('programmes.labour.addMember')}`}>
      <form
        className="programmes-form"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <PersonPicker value={personId} onChange={setPersonId} />
        <label>
          {t('programmes.labour.workplace')}
          <input value={workplace} onChange={(e) => setWorkplace(e.target.value)} />
        </label>
        <label>
          {t('programmes.labour.contractStart')}
          <input type="date" value={contractStart} onChange={(e) => setContractStart(e.target.value)} />
        </label>
        <label>
          {t('programmes.labour.contractEnd')}
          <input type="date" value={contractEnd} onChange={(e) => setContractEnd(e.target.value)} />
        </label>
        <label>
          {t('programmes.labour.monthlyPay')}
          <input inputMode="decimal" value={pay} onChange={(e) => setPay(e.target.value)} />
        </label>
        <Refusal text={add.isError ? refusal(add.error, 'programmes.labour.problems') : null} />
        <button type="submit" className="programmes-primary" disabled={add.isPending || !personId}>
          {t('programmes.labour.add')}
        </button>
      </form>
    </Fold>
  );
}
