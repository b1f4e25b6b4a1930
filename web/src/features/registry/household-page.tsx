import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useMe } from '../auth/use-me.ts';
import { type Household, type Person, useHousehold, usePersonHistory } from './api.ts';
import './registry.css';
import { QueryError } from '../../shared/query-error.tsx';

function MemberHistory({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const history = usePersonHistory(personId, true);
  if (!history.data) return <p>{t('registry.loading')}</p>;
  const label = (attribute: string, value: string | null) =>
    attribute === 'employment_status'
      ? t(`registry.employment.${value}`)
      : attribute === 'labor_capacity'
        ? t(`registry.labor.${value}`)
        : attribute === 'monitoring_category'
          ? t(`registry.monitoring.${value}`)
          : (value ?? '—');
  return (
    <ul>
      {history.data.items.map((item) => (
        <li key={`${item.attribute}-${item.validFrom}-${item.recordedAt}`}>
          {item.validFrom}: {label(item.attribute, item.value)}
        </li>
      ))}
    </ul>
  );
}

/** What other features show on this page; composed in web/src/app/pages/household-page.tsx. */
export interface HouseholdSlots {
  assignments: (household: Household) => ReactNode;
  applications: (person: Person) => ReactNode;
  matches: (person: Person, heading: string) => ReactNode;
  /** Links to the household's tracking side (timeline, 记录走访). */
  tracking: (household: Household) => ReactNode;
}

function Member({ person, slots }: { person: Person; slots: HouseholdSlots }) {
  const { t } = useTranslation();
  const [showHistory, setShowHistory] = useState(false);
  const [showMatches, setShowMatches] = useState(false);
  const [showApplications, setShowApplications] = useState(false);
  return (
    <li className="registry-card" data-testid={`member-${person.id}`}>
      <strong>{person.name}</strong> · {t(`registry.relations.${person.relation}`)} ·{' '}
      {person.birthDate ?? (person.age === null ? '' : t('registry.age', { age: person.age }))}
      <br />🪪 {person.idNumber ?? '—'} · 📞 {person.phone ?? '—'}
      <br />
      {t(`registry.labor.${person.laborCapacity}`)} · {t(`registry.employment.${person.employmentStatus}`)}
      {person.education && <> · {t(`registry.educations.${person.education}`)}</>}
      {person.skills && person.skills.length > 0 && (
        <p>
          🛠️{' '}
          {person.skills
            .map(
              (s) =>
                `${s.skillName ?? s.skillCode} (${t('registry.level')} ${s.level}${s.certificate ? ` · ${s.certificate}` : ''})`,
            )
            .join('、')}
        </p>
      )}
      <div className="registry-filters">
        <Link className="registry-button" to={`/registry/persons/${person.id}/edit`}>
          ✏️ {t('registry.edit')}
        </Link>
        <button type="button" className="registry-button secondary" onClick={() => setShowHistory(!showHistory)}>
          🕘 {t('registry.history')}
        </button>
        <button
          type="button"
          className="registry-button secondary"
          aria-expanded={showMatches}
          onClick={() => setShowMatches(!showMatches)}
        >
          ⭐ {t(showMatches ? 'matching.hideFor' : 'matching.showFor')}
        </button>
        <button
          type="button"
          className="registry-button secondary"
          aria-expanded={showApplications}
          onClick={() => setShowApplications(!showApplications)}
        >
          📋 {t('matching.applicationsButton')}
        </button>
      </div>
      {showHistory && <MemberHistory personId={person.id} />}
      {showApplications && slots.applications(person)}
      {showMatches && slots.matches(person, t('matching.forPerson', { name: person.name }))}
    </li>
  );
}

/** 搬迁户详情: members, skills, employment and history; mount at /registry/households/:householdId */
export function HouseholdPage({ slots }: { slots: HouseholdSlots }) {
  const { t } = useTranslation();
  const { householdId = '' } = useParams();
  const household = useHousehold(householdId);
  const me = useMe();
  const assigns = me.data?.role === 'worker' || me.data?.role === 'admin';
  if (household.isPending) return <p>{t('registry.loading')}</p>;
  if (household.isError) return <QueryError query={household} />;
  const h = household.data;
  return (
    <section>
      <h1>👪 {h.headName ?? h.householdNumber}</h1>
      <div className="registry-card">
        <p>
          {t('registry.householdNumber')}: {h.householdNumber}
        </p>
        <p>
          {t('registry.site')}: {h.siteName} {[h.building, h.unit, h.room].filter(Boolean).join('-')}
        </p>
        <p>
          {t('registry.relocationDate')}: {h.relocationDate ?? '—'}
        </p>
        <p>
          {t('registry.monitoringCategory')}: {t(`registry.monitoring.${h.monitoringCategory}`)}
        </p>
      </div>
      {slots.tracking(h)}
      {assigns && slots.assignments(h)}
      <h2>{t('registry.members')}</h2>
      <ul className="registry-list">
        {h.members?.map((person) => (
          <Member key={person.id} person={person} slots={slots} />
        ))}
      </ul>
    </section>
  );
}
