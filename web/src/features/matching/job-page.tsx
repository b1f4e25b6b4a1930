import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { QueryError } from '../../shared/query-error.tsx';
import { useMe } from '../auth/use-me.ts';
import { ApplyButton } from './apply-button.tsx';
import { type JobView, useJobView, usePeopleToActFor } from './job-view-api.ts';
import { dayInChina } from './labels.ts';
import { ReasonLine } from './reason-line.tsx';
import './job-detail.css';

function PayLine({ job }: { job: JobView['job'] }) {
  const { t } = useTranslation();
  if (!job.pay) return <p className="pay">💰 {t('opportunities.pay.negotiable')}</p>;
  const monthly = job.monthlyPay;
  return (
    <p className="pay" data-testid="job-pay">
      💰{' '}
      {monthly
        ? monthly.max !== monthly.min
          ? t('jobDetail.monthly', monthly)
          : t('jobDetail.monthlyOne', monthly)
        : null}
      {job.pay.unit !== 'month' || !monthly
        ? ` ${t('jobDetail.payRaw', { ...job.pay, unit: t(`opportunities.pay.${job.pay.unit}`) })}`
        : null}
    </p>
  );
}

/** Where the work is and how to get there from the person's site (a map is not needed to decide). */
function PlaceLines({ place, job }: { place: JobView['place']; job: JobView['job'] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="job-place" className="job-block">
      <h2 id="job-place">📍 {t('jobDetail.place')}</h2>
      {place.address && <p>{place.address}</p>}
      {place.distanceKm !== null && place.homeSite && (
        <p>{t('jobDetail.distance', { km: place.distanceKm, site: place.homeSite })}</p>
      )}
      <p>
        🚌{' '}
        {place.shuttleFromHome && place.homeSite
          ? t('jobDetail.shuttle', { site: place.homeSite })
          : place.shuttleSites.length
            ? t('jobDetail.shuttleFrom', { sites: place.shuttleSites.join('、') })
            : t('jobDetail.noShuttle')}
      </p>
      {job.accommodation && <p>🏠 {t('jobDetail.accommodation')}</p>}
    </section>
  );
}

function JobBody({ view }: { view: JobView }) {
  const { t, i18n } = useTranslation();
  const { job, place, fit } = view;
  return (
    <>
      <h1 id="job-title">{job.title}</h1>
      <p>🏢 {job.employerName}</p>
      <p>{t(`opportunities.employmentType.${job.employmentType}`)}</p>
      <PayLine job={job} />
      {(job.hours || job.shifts) && (
        <p>
          🕘 {job.hours && `${t('jobDetail.hours')}：${job.hours}`}{' '}
          {job.shifts && `${t('jobDetail.shifts')}：${job.shifts}`}
        </p>
      )}
      <PlaceLines place={place} job={job} />
      <section aria-labelledby="job-asks" className="job-block">
        <h2 id="job-asks">📋 {t('jobDetail.asks')}</h2>
        <ul>
          {job.requiredSkills.map((skill) => (
            <li key={skill.code}>
              {t('jobDetail.skill', {
                name: i18n.language === 'en' ? skill.nameEn : skill.nameZh,
                level: t(`opportunities.post.levels.${skill.minLevel}`),
              })}
            </li>
          ))}
          {(job.minAge !== null || job.maxAge !== null) && (
            <li>{t('jobDetail.age', { min: job.minAge ?? 16, max: job.maxAge ?? 65 })}</li>
          )}
        </ul>
        {job.requirements && <p className="job-text">{job.requirements}</p>}
      </section>
      {job.description && <p className="job-text">{job.description}</p>}
      <section aria-labelledby="job-fits" className="job-block" data-testid="job-fits">
        <h2 id="job-fits">👍 {t('jobDetail.fits')}</h2>
        <ReasonLine reasons={fit.fits} />
      </section>
      <section aria-labelledby="job-lacks" className="job-block" data-testid="job-lacks">
        <h2 id="job-lacks">🧩 {t('jobDetail.lacks')}</h2>
        {fit.lacks.length ? <ReasonLine reasons={fit.lacks} /> : <p>{t('jobDetail.nothingLacking')}</p>}
        {view.pathways.map((pathway) =>
          pathway.courses.slice(0, 1).map((course) => (
            <div key={course.id} className="job-course" data-testid="job-course">
              <p>
                📘 {t('jobDetail.courses')}：
                {t('matching.pathwayCourse', {
                  title: course.title,
                  days: course.durationDays,
                  start: course.startDate,
                })}
              </p>
              <ApplyButton
                personId={view.personId}
                kind="training"
                opportunityId={course.id}
                title={course.title}
                applied={false}
              />
            </div>
          )),
        )}
      </section>
      <div className="job-apply">
        {view.application && view.application.state !== 'withdrawn' && view.application.state !== 'rejected' ? (
          <p role="status" data-testid="job-applied">
            ✅ {t('jobDetail.applied', { date: dayInChina(view.application.createdAt) })}{' '}
            <Link to="/applications">{t('jobDetail.myApplications')}</Link>
          </p>
        ) : (
          <ApplyButton personId={view.personId} kind="job" opportunityId={job.id} title={job.title} applied={false} />
        )}
      </div>
    </>
  );
}

/**
 * 为谁查看: a helper or worker reads (and applies for) the job as one of the people they help; the
 * choice is kept in the address (`?person=`), so the page can be shared and reloaded.
 */
function PersonChooser({ personId }: { personId: string | undefined }) {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const people = usePeopleToActFor(true);
  const choose = (id: string) => {
    const next = new URLSearchParams(search);
    if (id) next.set('person', id);
    else next.delete('person');
    setSearch(next, { replace: true });
  };
  return (
    <div className="job-person">
      <label htmlFor="job-person">{t('jobDetail.forWhom')}</label>
      <select
        id="job-person"
        value={personId ?? ''}
        disabled={!people.data}
        onChange={(event) => choose(event.target.value)}
      >
        <option value="">{t('jobDetail.pickPerson')}</option>
        {people.data?.items.map((person) => (
          <option key={person.id} value={person.id}>
            {person.name}
          </option>
        ))}
      </select>
      <QueryError query={people} />
      {people.data?.items.length === 0 && (
        <p>
          {t('matching.noResidents')} <Link to="/my-residents">{t('matching.myResidents')}</Link>
        </p>
      )}
    </div>
  );
}

/**
 * 岗位详情: one job as the person reads it, with 申请 in two taps. A resident sees it for
 * themselves; a helper or worker chooses the person they act for (`?person=`), or comes from that
 * person's recommendations with the choice made.
 */
export function JobPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const me = useMe();
  const personId = search.get('person') ?? me.data?.personId ?? undefined;
  const view = useJobView(personId, id);
  const actsForOthers = Boolean(me.data && me.data.role !== 'resident');
  return (
    <section className="job-page" aria-labelledby="job-title">
      <Link to="/jobs">← {t('jobDetail.back')}</Link>
      {/* Before a helper chooses whom they read it for, the page still says what it is. */}
      {!view.data && <h1 id="job-title">{t('jobDetail.title')}</h1>}
      {actsForOthers && <PersonChooser personId={personId} />}
      {me.data?.role === 'resident' && !personId && <p role="status">{t('matching.noPerson')}</p>}
      {view.isPending && personId && <p>{t('common.loading')}</p>}
      <QueryError query={view} message={t('jobDetail.notFound')} />
      {view.data && <JobBody view={view.data} />}
    </section>
  );
}
