import { useTranslation } from 'react-i18next';
import { type Project, type ProjectFields, participationModes, projectKinds } from '../api/postings.ts';
import type { FormReader, KindFieldsProps } from './posting-form-parts.ts';
import { SiteChips } from './site-chips.tsx';

/** 产业项目's own fields: kind, the sites it serves, positions, how people take part, expected income. */
export function ProjectOwnFields({ posting: project, sites, problem }: KindFieldsProps<Project>) {
  const { t } = useTranslation();
  return (
    <>
      <label>
        {t('opportunities.project.kind')}
        <select name="kind" defaultValue={project?.kind ?? 'planting'} data-testid="project-kind">
          {projectKinds.map((kind) => (
            <option key={kind} value={kind}>
              {t(`opportunities.projectKind.${kind}`)}
            </option>
          ))}
        </select>
      </label>
      <SiteChips
        name="siteIds"
        legend={t('opportunities.project.sites')}
        icon="🏘️"
        sites={sites}
        initial={project?.siteIds ?? []}
      />
      {problem('siteIds')}
      <label>
        {t('opportunities.project.positions')}
        <input name="positions" type="number" min={1} inputMode="numeric" defaultValue={project?.positions ?? 1} />
        {problem('positions')}
      </label>
      <fieldset className="chips">
        <legend>{t('opportunities.project.modes')}</legend>
        {participationModes.map((mode) => (
          <label key={mode} className="skill-row">
            <input
              type="checkbox"
              name="participationModes"
              value={mode}
              defaultChecked={project?.participationModes.includes(mode)}
            />
            {t(`opportunities.participation.${mode}`)}
          </label>
        ))}
      </fieldset>
      <div className="row">
        <label>
          {t('opportunities.project.incomeMin')}
          <input
            name="expectedIncomeMin"
            type="number"
            min={0}
            inputMode="numeric"
            defaultValue={project?.expectedIncomeMin ?? ''}
          />
        </label>
        <label>
          {t('opportunities.project.incomeMax')}
          <input
            name="expectedIncomeMax"
            type="number"
            min={0}
            inputMode="numeric"
            defaultValue={project?.expectedIncomeMax ?? ''}
          />
        </label>
        <label>
          {t('opportunities.project.incomeUnit')}
          <select name="incomeUnit" defaultValue={project?.incomeUnit ?? 'year'}>
            {(['year', 'month'] as const).map((unit) => (
              <option key={unit} value={unit}>
                {t(`opportunities.pay.${unit}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {problem('expectedIncomeMin')}
      <label>
        {t('opportunities.project.startDate')}
        <input name="startDate" type="date" defaultValue={project?.startDate ?? ''} />
        {problem('startDate')}
      </label>
    </>
  );
}

export function readProjectFields(read: FormReader): Partial<ProjectFields> {
  return {
    kind: read.text('kind') as ProjectFields['kind'],
    siteIds: read.all('siteIds'),
    positions: read.number('positions') ?? 1,
    participationModes: read.all('participationModes') as ProjectFields['participationModes'],
    expectedIncomeMin: read.number('expectedIncomeMin'),
    expectedIncomeMax: read.number('expectedIncomeMax'),
    incomeUnit: read.text('incomeUnit') as ProjectFields['incomeUnit'],
    startDate: read.textOrNull('startDate'),
  };
}
