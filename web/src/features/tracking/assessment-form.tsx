import { chinaToday } from '@anju/domain/clock';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { integrationDimensions } from './dimensions.ts';
import { useRecordAssessment } from './use-tracking.ts';

const facts = [
  'childrenInLocalSchool',
  'medicalInsuranceTransferred',
  'householdRegistrationMoved',
  'returnsToOriginVillage',
] as const;

/** 社区融入评估: five dimensions scored 1–5 with big buttons, and four yes/no facts. */
export function AssessmentForm({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const save = useRecordAssessment();
  const [assessedOn, setAssessedOn] = useState(chinaToday());
  const [scores, setScores] = useState<Record<string, number>>({});
  const [answers, setAnswers] = useState<Record<string, boolean>>({});
  const complete = integrationDimensions.every((d) => scores[d]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (complete)
      save.mutate({
        householdId,
        assessedOn,
        economic: scores.economic,
        socialTies: scores.socialTies,
        dailyLifeServices: scores.dailyLifeServices,
        culturalParticipation: scores.culturalParticipation,
        psychologicalBelonging: scores.psychologicalBelonging,
        ...answers,
      });
  };
  return (
    <details className="tracking-card">
      <summary>🤝 {t('tracking.addAssessment')}</summary>
      <form className="tracking-form" onSubmit={submit}>
        <label>
          📅 {t('tracking.date')}
          <input
            type="date"
            value={assessedOn}
            max={chinaToday()}
            onChange={(e) => setAssessedOn(e.target.value)}
            required
          />
        </label>
        {integrationDimensions.map((dimension) => (
          <fieldset key={dimension}>
            <legend>{t(`tracking.dimensions.${dimension}`)}</legend>
            <div className="tracking-scores">
              {[1, 2, 3, 4, 5].map((score) => (
                <label key={score}>
                  <input
                    type="radio"
                    name={dimension}
                    value={score}
                    checked={scores[dimension] === score}
                    onChange={() => setScores({ ...scores, [dimension]: score })}
                  />
                  {score}
                </label>
              ))}
            </div>
          </fieldset>
        ))}
        <fieldset>
          <legend>{t('tracking.integrationFacts')}</legend>
          <div className="tracking-checks">
            {facts.map((fact) => (
              <label key={fact}>
                <input
                  type="checkbox"
                  checked={answers[fact] ?? false}
                  onChange={(e) => setAnswers({ ...answers, [fact]: e.target.checked })}
                />
                {t(`tracking.integrationFactNames.${fact}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <p className="tracking-muted">{t('tracking.scoreHint')}</p>
        <button type="submit" disabled={!complete || save.isPending}>
          💾 {t('tracking.save')}
        </button>
        {save.isSuccess ? <p role="status">{t('tracking.saved')}</p> : null}
        {save.isError ? (
          <p role="alert">
            {t('tracking.failed')} ({save.error.message})
          </p>
        ) : null}
      </form>
    </details>
  );
}
