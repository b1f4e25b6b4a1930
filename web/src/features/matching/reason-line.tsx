import { useTranslation } from 'react-i18next';
import type { Reason } from './api.ts';

const priority = new Set([
  'need.no_one_employed',
  'need.no_one_employed_unverified',
  'need.priority_household',
  'need.below_line',
]);

/** One icon per reason, so someone who reads little still sees what fits (✅) and what does not (❌). */
function iconOf(reason: Reason): string {
  const { code, polarity } = reason;
  if (code === 'skill.teaches' || code === 'skill.raises') return '📘';
  if (code.startsWith('skill.')) return polarity === 'minus' ? '❌' : '✅';
  if (code === 'reach.shuttle') return '🚌';
  if (code === 'reach.at_home') return '🏠';
  if (code === 'reach.labour_export') return '🧳';
  if (code.startsWith('reach.')) return polarity === 'minus' ? '⚠️' : '📍';
  if (code === 'fit.carer_friendly' || code === 'fit.childcare') return '👶';
  if (code === 'fit.subsidised') return '🎁';
  if (code === 'fit.certificate_offered' || code === 'fit.certified') return '📜';
  if (code.startsWith('fit.')) return polarity === 'minus' ? '⚠️' : '👍';
  if (priority.has(code)) return '⭐';
  return '💰';
}

/** The reasons in ONE plain line, in the portal's language, each led by its icon. */
export function ReasonLine({ reasons }: { reasons: Reason[] }) {
  const { i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'zh';
  return (
    <p className="reason-line" data-testid="reasons">
      {reasons.map((reason, index) => (
        <span key={`${reason.code}-${reason.text.en}`} className={`reason ${reason.polarity}`}>
          <span aria-hidden="true">{iconOf(reason)}</span> {reason.text[language]}
          {index < reasons.length - 1 ? ' · ' : ''}
        </span>
      ))}
    </p>
  );
}

/** The score plainly: a percentage and a bar, no decimals. */
export function ScoreBadge({ score }: { score: number }) {
  const { t } = useTranslation();
  const percent = Math.round(score * 100);
  return (
    <span className="score" data-testid="score">
      <span className="score-bar" aria-hidden="true">
        <span style={{ width: `${percent}%` }} />
      </span>
      {t('matching.score', { percent })}
    </span>
  );
}
