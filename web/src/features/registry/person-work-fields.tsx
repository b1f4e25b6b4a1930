import {
  type DisabilityKind,
  disabilityKinds,
  type HealthLimit,
  healthLimits,
  type PersonHours,
  personHours,
  type WorkWhere,
  workWhereOrder,
} from '@anju/domain/work-facts';
import { useTranslation } from 'react-i18next';
import type { Person, PersonPatch } from './api.ts';

/** What the edit page holds of where, when and how a person can work (issue 18), as typed. */
export interface WorkDraft {
  where: WorkWhere | '';
  hours: PersonHours[];
  availableFrom: string;
  maxCommuteKm: string;
  disabilityKind: DisabilityKind | '';
  disabilityGrade: string;
  chronicIllness: boolean;
  limits: HealthLimit[];
}

export function workDraftOf(person: Person): WorkDraft {
  return {
    where: person.availability?.where ?? '',
    hours: person.availability?.hours ?? [],
    availableFrom: person.availability?.availableFrom ?? '',
    maxCommuteKm: person.maxCommuteKm?.toString() ?? '',
    disabilityKind: person.health?.disabilityKind ?? '',
    disabilityGrade: person.health?.disabilityGrade?.toString() ?? '',
    chronicIllness: person.health?.chronicIllness ?? false,
    limits: person.health?.limits ?? [],
  };
}

/** 0.5 km is a real answer (someone who must stay in sight of home): up to one decimal. */
export const commuteKmValid = (text: string) => text === '' || (/^\d{1,4}(\.\d)?$/.test(text) && Number(text) <= 2000);

/** The PATCH fields for what changed: availability, the commute limit, structured health. */
export function workBody(
  draft: WorkDraft,
  before: WorkDraft,
): Pick<PersonPatch, 'availability' | 'maxCommuteKm' | 'health'> {
  const body: Pick<PersonPatch, 'availability' | 'maxCommuteKm' | 'health'> = {};
  const changed = (keys: (keyof WorkDraft)[]) =>
    keys.some((key) => JSON.stringify(draft[key]) !== JSON.stringify(before[key]));
  if (changed(['where', 'hours', 'availableFrom'])) {
    body.availability = draft.where
      ? { where: draft.where, hours: draft.hours, availableFrom: draft.availableFrom || null }
      : null;
  }
  if (changed(['maxCommuteKm'])) body.maxCommuteKm = draft.maxCommuteKm === '' ? null : Number(draft.maxCommuteKm);
  if (changed(['disabilityKind', 'disabilityGrade', 'chronicIllness', 'limits'])) {
    body.health = {
      disabilityKind: draft.disabilityKind || null,
      disabilityGrade: draft.disabilityKind && draft.disabilityGrade ? Number(draft.disabilityGrade) : null,
      chronicIllness: draft.chronicIllness,
      limits: draft.limits,
    };
  }
  return body;
}

const toggle = <T,>(list: T[], value: T) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

/** 能在哪里、什么时间干活 and 健康与残疾, big tap targets for a worker's phone. */
export function PersonWorkFields({
  draft,
  onChange,
  errors,
  showHealth,
}: {
  draft: WorkDraft;
  onChange: (next: WorkDraft) => void;
  errors: Record<string, string>;
  showHealth: boolean;
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<WorkDraft>) => onChange({ ...draft, ...patch });
  const error = (key: string) =>
    errors[key] ? (
      <span className="field-error" role="alert">
        ⚠️ {errors[key]}
      </span>
    ) : null;
  return (
    <>
      <fieldset className="registry-field" data-testid="person-availability">
        <legend>{t('personWork.availability')}</legend>
        <label htmlFor="person-where">{t('personWork.where')}</label>
        <select
          id="person-where"
          name="where"
          value={draft.where}
          onChange={(e) => set({ where: e.target.value as WorkWhere | '' })}
        >
          <option value="">{t('personWork.whereUnsaid')}</option>
          {workWhereOrder.map((where) => (
            <option key={where} value={where}>
              {t(`personWork.wheres.${where}`)}
            </option>
          ))}
        </select>
        {error('availability.where')}
        {(draft.where === '' || draft.where === 'commute') && (
          <>
            <label htmlFor="person-maxCommuteKm">{t('personWork.commuteKm')}</label>
            <input
              id="person-maxCommuteKm"
              name="maxCommuteKm"
              inputMode="decimal"
              value={draft.maxCommuteKm}
              onChange={(e) => set({ maxCommuteKm: e.target.value.trim() })}
            />
            {error('maxCommuteKm')}
          </>
        )}
        <fieldset className="chips">
          <legend>{t('personWork.hours')}</legend>
          {personHours.map((hours) => (
            <label key={hours} className="chip">
              <input
                type="checkbox"
                checked={draft.hours.includes(hours)}
                onChange={() => set({ hours: toggle(draft.hours, hours) })}
              />{' '}
              {t(`personWork.hoursOf.${hours}`)}
            </label>
          ))}
        </fieldset>
        {error('availability.hours')}
        <label htmlFor="person-availableFrom">{t('personWork.availableFrom')}</label>
        <input
          id="person-availableFrom"
          type="date"
          value={draft.availableFrom}
          onChange={(e) => set({ availableFrom: e.target.value })}
        />
        {error('availability.availableFrom')}
      </fieldset>
      {showHealth && (
        <fieldset className="registry-field" data-testid="person-health">
          <legend>{t('personWork.health')}</legend>
          <label htmlFor="person-disabilityKind">{t('personWork.disabilityKind')}</label>
          <select
            id="person-disabilityKind"
            value={draft.disabilityKind}
            onChange={(e) => set({ disabilityKind: e.target.value as DisabilityKind | '' })}
          >
            <option value="">{t('personWork.noDisability')}</option>
            {disabilityKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`personWork.disabilityKinds.${kind}`)}
              </option>
            ))}
          </select>
          {draft.disabilityKind && (
            <>
              <label htmlFor="person-disabilityGrade">{t('personWork.disabilityGrade')}</label>
              <select
                id="person-disabilityGrade"
                value={draft.disabilityGrade}
                onChange={(e) => set({ disabilityGrade: e.target.value })}
              >
                <option value="">—</option>
                {['1', '2', '3', '4'].map((grade) => (
                  <option key={grade} value={grade}>
                    {t(`personWork.grades.${grade}`)}
                  </option>
                ))}
              </select>
            </>
          )}
          <label className="chip">
            <input
              type="checkbox"
              checked={draft.chronicIllness}
              onChange={(e) => set({ chronicIllness: e.target.checked })}
            />{' '}
            {t('personWork.chronicIllness')}
          </label>
          <fieldset className="chips">
            <legend>{t('personWork.limits')}</legend>
            {healthLimits.map((limit) => (
              <label key={limit} className="chip">
                <input
                  type="checkbox"
                  checked={draft.limits.includes(limit)}
                  onChange={() => set({ limits: toggle(draft.limits, limit) })}
                />{' '}
                {t(`personWork.limitsOf.${limit}`)}
              </label>
            ))}
          </fieldset>
          {error('health')}
        </fieldset>
      )}
    </>
  );
}
