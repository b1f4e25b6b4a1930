import { useTranslation } from 'react-i18next';
import type { Training, TrainingFields } from '../api/postings.ts';
import type { FormReader, KindFieldsProps } from './posting-form-parts.ts';

/** 技能培训's own fields: certificate, when, seats, cost and 培训补贴, childcare on site. */
export function TrainingOwnFields({ posting: course, problem }: KindFieldsProps<Training>) {
  const { t } = useTranslation();
  return (
    <>
      <label>
        {t('opportunities.training.certificate')}
        <input name="certificate" maxLength={200} defaultValue={course?.certificate ?? ''} />
        {problem('certificate')}
      </label>
      <label>
        {t('opportunities.training.schedule')}
        <input
          name="schedule"
          maxLength={500}
          placeholder={t('opportunities.training.schedulePlaceholder')}
          defaultValue={course?.schedule ?? ''}
        />
        {problem('schedule')}
      </label>
      <div className="row">
        <label>
          {t('opportunities.training.startDate')}
          <input name="startDate" type="date" defaultValue={course?.startDate ?? ''} />
          {problem('startDate')}
        </label>
        <label>
          {t('opportunities.training.endDate')}
          <input name="endDate" type="date" defaultValue={course?.endDate ?? ''} />
          {problem('endDate')}
        </label>
      </div>
      <div className="row">
        <label>
          {t('opportunities.training.seats')}
          <input name="seats" type="number" min={1} inputMode="numeric" defaultValue={course?.seats ?? 20} />
          {problem('seats')}
        </label>
        <label>
          {t('opportunities.training.cost')}
          <input name="cost" type="number" min={0} inputMode="numeric" defaultValue={course?.cost ?? 0} />
          {problem('cost')}
        </label>
      </div>
      <label className="skill-row">
        <input name="subsidyEligible" type="checkbox" defaultChecked={course?.subsidyEligible} />
        {t('opportunities.training.subsidy')}
      </label>
      <label className="skill-row">
        <input name="childcare" type="checkbox" defaultChecked={course?.childcare} />
        {t('opportunities.training.childcare')}
      </label>
    </>
  );
}

export function readTrainingFields(read: FormReader): Partial<TrainingFields> {
  return {
    certificate: read.textOrNull('certificate'),
    schedule: read.textOrNull('schedule'),
    startDate: read.textOrNull('startDate'),
    endDate: read.textOrNull('endDate'),
    seats: read.number('seats') ?? 20,
    cost: read.number('cost') ?? 0,
    subsidyEligible: read.checked('subsidyEligible'),
    childcare: read.checked('childcare'),
  };
}
