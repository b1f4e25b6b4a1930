import { pieceMonthlyRange } from '@anju/domain/pay';
import { type JobSchedule, jobSchedules, type PhysicalFact, physicalFacts } from '@anju/domain/work-facts';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Job, JobFields } from '../api/postings.ts';
import type { FormReader } from './posting-form-parts.ts';

/** The pay as typed so far, to turn a piece rate into the monthly range residents will see. */
export interface PayDraft {
  min: string;
  max: string;
  unit: JobFields['payUnit'];
}

/**
 * How a job is really worked (issue 18): 班次 (两班倒, 三班倒, 夜班…), hours a week, pieces a month
 * for a piece rate (and the monthly pay it turns into), 送料上门, 公益性岗位, 持证上岗 and the
 * physical facts. Matching reads every one of them.
 */
export function JobWorkFields({
  job,
  pay,
  employmentType,
  problem,
}: {
  job: Job | undefined;
  pay: PayDraft;
  employmentType: JobFields['employmentType'];
  problem: (field: string) => ReactNode;
}) {
  const { t } = useTranslation();
  const [pieces, setPieces] = useState(job?.piecesPerMonth?.toString() ?? '');
  const [piecesMax, setPiecesMax] = useState(job?.piecesPerMonthMax?.toString() ?? '');
  const range =
    pay.unit === 'piece' && Number(pieces) > 0 && pay.min !== '' && pay.max !== ''
      ? pieceMonthlyRange(Number(pay.min), Number(pay.max), Number(pieces), Number(piecesMax) || null)
      : null;
  return (
    <fieldset className="stack-form" data-testid="job-work-facts">
      <legend>{t('opportunities.work.legend')}</legend>
      <fieldset className="chips">
        <legend>{t('opportunities.work.schedule')}</legend>
        {jobSchedules.map((schedule: JobSchedule) => (
          <label key={schedule} className="skill-row">
            <input
              type="checkbox"
              name="schedule"
              value={schedule}
              defaultChecked={job?.schedule?.includes(schedule)}
            />
            {t(`opportunities.work.schedules.${schedule}`)}
          </label>
        ))}
      </fieldset>
      {problem('schedule')}
      <label>
        {t('opportunities.work.hoursPerWeek')}
        <input
          name="hoursPerWeek"
          type="number"
          min={1}
          max={84}
          inputMode="numeric"
          defaultValue={job?.hoursPerWeek ?? ''}
        />
        {problem('hoursPerWeek')}
      </label>
      {pay.unit === 'piece' && (
        <>
          <div className="row">
            <label>
              {t('opportunities.work.piecesPerMonth')}
              <input
                name="piecesPerMonth"
                type="number"
                min={1}
                inputMode="numeric"
                value={pieces}
                onChange={(event) => setPieces(event.target.value)}
              />
            </label>
            <label>
              {t('opportunities.work.piecesPerMonthMax')}
              <input
                name="piecesPerMonthMax"
                type="number"
                min={1}
                inputMode="numeric"
                value={piecesMax}
                onChange={(event) => setPiecesMax(event.target.value)}
              />
            </label>
          </div>
          {problem('piecesPerMonth')}
          <p role="status" data-testid="piece-monthly">
            {range
              ? t('opportunities.work.monthlyRange', { min: range.min, max: range.max })
              : t('opportunities.work.monthlyUnknown')}
          </p>
        </>
      )}
      {employmentType === 'home_piecework' && (
        <label className="skill-row">
          <input name="materialsDelivered" type="checkbox" defaultChecked={job?.materialsDelivered} />
          {t('opportunities.work.materialsDelivered')}
        </label>
      )}
      <label className="skill-row">
        <input
          name="publicWelfare"
          type="checkbox"
          defaultChecked={job?.publicWelfare ?? employmentType === 'public_welfare'}
        />
        {t('opportunities.work.publicWelfare')}
      </label>
      <label className="skill-row">
        <input name="certificateRequired" type="checkbox" defaultChecked={job?.certificateRequired} />
        {t('opportunities.work.certificateRequired')}
      </label>
      <label>
        {t('opportunities.work.physicalDemand')}
        <select name="physicalDemand" defaultValue={job?.physicalDemand ?? ''}>
          <option value="">{t('opportunities.work.physicalUnsaid')}</option>
          {(['light', 'medium', 'heavy'] as const).map((level) => (
            <option key={level} value={level}>
              {t(`opportunities.work.physical.${level}`)}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="chips">
        <legend>{t('opportunities.work.demands')}</legend>
        {physicalFacts.map((fact: PhysicalFact) => (
          <label key={fact} className="skill-row">
            <input type="checkbox" name="demands" value={fact} defaultChecked={job?.demands?.includes(fact)} />
            {t(`opportunities.work.demand.${fact}`)}
          </label>
        ))}
      </fieldset>
    </fieldset>
  );
}

export function readJobWorkFields(read: FormReader): Partial<JobFields> {
  const piece = read.text('payUnit') === 'piece';
  return {
    schedule: read.all('schedule') as JobSchedule[],
    hoursPerWeek: read.number('hoursPerWeek'),
    piecesPerMonth: piece ? read.number('piecesPerMonth') : null,
    piecesPerMonthMax: piece ? read.number('piecesPerMonthMax') : null,
    materialsDelivered: read.text('employmentType') === 'home_piecework' && read.checked('materialsDelivered'),
    publicWelfare: read.checked('publicWelfare'),
    certificateRequired: read.checked('certificateRequired'),
    physicalDemand: (read.textOrNull('physicalDemand') as JobFields['physicalDemand']) ?? null,
    demands: read.all('demands') as PhysicalFact[],
  };
}
