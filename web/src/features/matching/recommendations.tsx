import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { type Match, type OpportunityKind, type Pathway, useApplications, useMatches, usePathways } from './api.ts';
import { ApplyButton } from './apply-button.tsx';
import { ReasonLine, ScoreBadge } from './reason-line.tsx';
import './matching.css';
import { QueryError } from '../../shared/query-error.tsx';

const sections: { kind: OpportunityKind; title: string; icon: string }[] = [
  { kind: 'job', title: 'matching.jobs', icon: '💼' },
  { kind: 'training', title: 'matching.training', icon: '📘' },
  { kind: 'project', title: 'matching.projects', icon: '🌱' },
];

/** Postings this person already has an open application to (so the card says 已提交, not 申请). */
function useAppliedKeys(personId: string) {
  const applications = useApplications({ personId });
  return new Set(
    (applications.data?.items ?? [])
      .filter((a) => a.state !== 'withdrawn' && a.state !== 'dropped')
      .map((a) => `${a.kind}:${a.opportunityId}`),
  );
}

function MatchCard({ match, personId, applied }: { match: Match; personId: string; applied: boolean }) {
  return (
    <li className="match-card" data-testid={`match-${match.kind}`}>
      <div className="match-head">
        <h4>
          {match.kind === 'job' ? <Link to={`/jobs/${match.id}?person=${personId}`}>{match.title}</Link> : match.title}
        </h4>
        <ScoreBadge score={match.score} />
      </div>
      <ReasonLine reasons={match.reasons} />
      <ApplyButton
        personId={personId}
        kind={match.kind}
        opportunityId={match.id}
        title={match.title}
        applied={applied}
      />
    </li>
  );
}

function MatchSection({
  personId,
  kind,
  title,
  icon,
  applied,
}: {
  personId: string;
  kind: OpportunityKind;
  title: string;
  icon: string;
  applied: Set<string>;
}) {
  const { t } = useTranslation();
  const matches = useMatches(personId, kind);
  return (
    <section className="match-section" aria-label={t(title)}>
      <h3>
        <span aria-hidden="true">{icon}</span> {t(title)}
      </h3>
      {matches.isPending && <p>{t('common.loading')}</p>}
      <QueryError query={matches} />
      {matches.data?.items.length === 0 && <p>{t('matching.none')}</p>}
      <ul className="match-list">
        {matches.data?.items.map((match) => (
          <MatchCard key={match.id} match={match} personId={personId} applied={applied.has(`${kind}:${match.id}`)} />
        ))}
      </ul>
    </section>
  );
}

function PathwayCard({ pathway, personId, applied }: { pathway: Pathway; personId: string; applied: Set<string> }) {
  const { t, i18n } = useTranslation();
  const course = pathway.courses[0];
  return (
    <li className="pathway-card" data-testid="pathway">
      <p className="pathway-text">
        <span aria-hidden="true">🎯</span> {pathway.text[i18n.language === 'en' ? 'en' : 'zh']}
      </p>
      {course && (
        <>
          <p>
            📘{' '}
            {t('matching.pathwayCourse', { title: course.title, days: course.durationDays, start: course.startDate })}
            {course.subsidised && ` · 🎁 ${t('matching.subsidised')}`}
            {course.certificate && ` · 📜 ${t('matching.certificate')}`}
            {course.childcare && ` · 👶 ${t('matching.childcare')}`}
          </p>
          <ApplyButton
            personId={personId}
            kind="training"
            opportunityId={course.id}
            title={course.title}
            applied={applied.has(`training:${course.id}`)}
          />
        </>
      )}
    </li>
  );
}

/** 为你推荐: a person's best jobs, courses and projects with reasons, and skill-gap pathways. */
export function Recommendations({ personId, heading }: { personId: string; heading: string }) {
  const { t } = useTranslation();
  const applied = useAppliedKeys(personId);
  const pathways = usePathways(personId);
  return (
    <section className="recommendations" aria-label={heading} data-testid="recommendations">
      <h2>
        <span aria-hidden="true">⭐</span> {heading}
      </h2>
      {sections.map((section) => (
        <MatchSection key={section.kind} personId={personId} applied={applied} {...section} />
      ))}
      {pathways.data && pathways.data.items.length > 0 && (
        <section className="match-section" aria-label={t('matching.pathways')}>
          <h3>
            <span aria-hidden="true">🪜</span> {t('matching.pathways')}
          </h3>
          <ul className="match-list">
            {pathways.data.items.map((pathway) => (
              <PathwayCard key={pathway.skill} pathway={pathway} personId={personId} applied={applied} />
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
