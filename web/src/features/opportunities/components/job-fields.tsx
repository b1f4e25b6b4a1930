import { employmentTypes } from '@anju/domain/enums';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Job, JobFields } from '../api/postings.ts';
import { JobWorkFields, type PayDraft, readJobWorkFields } from './job-work-fields.tsx';
import type { FormReader, KindFieldsProps } from './posting-form-parts.ts';
import { SiteChips } from './site-chips.tsx';

/** 岗位's own fields: pay, how people are employed, headcount, 班车 and 住宿. */
export function JobOwnFields({ posting: job, sites, problem }: KindFieldsProps<Job>) {
  const { t } = useTranslation();
  const [employmentType, setEmploymentType] = useState(job?.employmentType ?? 'full_time');
  const [pay, setPay] = useState<PayDraft>({
    min: job?.payMin?.toString() ?? '',
    max: job?.payMax?.toString() ?? '',
    unit: job?.payUnit ?? 'month',
  });
  return (
    <>
      <div className="row">
        <label>
          {t('opportunities.post.payMin')}
          <input
            name="payMin"
            type="number"
            min={0}
            inputMode="numeric"
            defaultValue={job?.payMin ?? ''}
            onChange={(event) => setPay({ ...pay, min: event.target.value })}
          />
        </label>
        <label>
          {t('opportunities.post.payMax')}
          <input
            name="payMax"
            type="number"
            min={0}
            inputMode="numeric"
            defaultValue={job?.payMax ?? ''}
            onChange={(event) => setPay({ ...pay, max: event.target.value })}
          />
        </label>
        <label>
          {t('opportunities.post.payUnit')}
          <select
            name="payUnit"
            defaultValue={job?.payUnit ?? 'month'}
            onChange={(event) => setPay({ ...pay, unit: event.target.value as PayDraft['unit'] })}
          >
            {(['month', 'day', 'hour', 'piece'] as const).map((unit) => (
              <option key={unit} value={unit}>
                {t(`opportunities.pay.${unit}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {problem('payMin')}
      <label>
        {t('opportunities.post.kind')}
        <select
          name="employmentType"
          value={employmentType}
          onChange={(event) => setEmploymentType(event.target.value as JobFields['employmentType'])}
        >
          {employmentTypes.map((type) => (
            <option key={type} value={type}>
              {t(`opportunities.employmentType.${type}`)}
            </option>
          ))}
        </select>
      </label>
      {employmentType === 'labour_export' && (
        <label>
          {t('opportunities.post.destination')}
          <input name="destination" maxLength={200} defaultValue={job?.destination ?? ''} />
          {problem('destination')}
        </label>
      )}
      <label>
        {t('opportunities.post.headcount')}
        <input name="headcount" type="number" min={1} inputMode="numeric" defaultValue={job?.headcount ?? 1} />
      </label>
      <SiteChips
        name="shuttleSiteIds"
        legend={t('opportunities.post.shuttle')}
        icon="🚌"
        sites={sites}
        initial={job?.shuttleSiteIds ?? []}
      />
      <label className="skill-row">
        <input name="accommodation" type="checkbox" defaultChecked={job?.accommodation} />
        {t('opportunities.post.accommodation')}
      </label>
      <JobWorkFields job={job} pay={pay} employmentType={employmentType} problem={problem} />
    </>
  );
}

export function readJobFields(read: FormReader): Partial<JobFields> {
  const employmentType = read.text('employmentType') as JobFields['employmentType'];
  return {
    payMin: read.number('payMin'),
    payMax: read.number('payMax'),
    payUnit: read.text('payUnit') as JobFields['payUnit'],
    employmentType,
    destination: employmentType === 'labour_export' ? read.textOrNull('destination') : null,
    headcount: read.number('headcount') ?? 1,
    shuttleSiteIds: read.all('shuttleSiteIds'),
    accommodation: read.checked('accommodation'),
    ...readJobWorkFields(read),
  };
}
