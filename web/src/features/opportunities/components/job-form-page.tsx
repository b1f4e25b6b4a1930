import { Spin } from 'antd';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useMe } from '../../auth/use-me.ts';
import { useEmployer } from '../api/employers.ts';
import { employmentTypes, type Job, type JobFields, useJob, usePostingSites, useSaveJob } from '../api/postings.ts';
import { fieldProblems } from '../problems.ts';
import { type ChosenSkill, SkillPicker } from './skill-picker.tsx';
import '../opportunities.css';

/** 发布岗位 / 修改岗位: mount at /postings/new and /postings/:id/edit. */
export function JobFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const job = useJob(id);
  if (id && job.isPending) return <Spin description={t('common.loading')} />;
  return (
    <section className="opps-page" aria-labelledby="job-form-title">
      <h1 id="job-form-title">{id ? t('opportunities.post.editTitle') : t('opportunities.post.title')}</h1>
      <JobForm job={job.data} key={job.data?.id ?? 'new'} />
    </section>
  );
}

function JobForm({ job }: { job: Job | undefined }) {
  const { t } = useTranslation();
  const me = useMe().data;
  // Workers and admins post on behalf of the employer chosen on the postings page.
  const onBehalfOf = useSearchParams()[0].get('employer');
  const employer = useEmployer(me?.role === 'employer' ? me.employerId : (job?.employerId ?? onBehalfOf));
  const save = useSaveJob();
  const sites = usePostingSites('');
  const [skills, setSkills] = useState<ChosenSkill[]>(
    (job?.requiredSkills ?? []).map((s) => ({ code: s.code, name: s.code, minLevel: s.minLevel })),
  );
  const [employmentType, setEmploymentType] = useState(job?.employmentType ?? 'full_time');
  const [shuttle, setShuttle] = useState<string[]>(job?.shuttleSiteIds ?? []);
  const [submitted, setSubmitted] = useState<'draft' | 'open' | 'edit' | null>(null);
  const problems = fieldProblems(save.error, t);
  const problem = (field: string) =>
    problems[field] ? (
      <span className="field-error" role="alert">
        {problems[field]}
      </span>
    ) : null;

  const submit = (event: FormEvent<HTMLFormElement>, status: 'draft' | 'open' | undefined) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const number = (name: string) => (text(name) ? Number(text(name)) : null);
    const site = sites.data?.items.find((s) => s.id === text('nearSite'));
    const fields: Partial<JobFields> = {
      title: text('title'),
      description: text('description'),
      requirements: text('requirements'),
      requiredSkills: skills.map((s) => ({ code: s.code, minLevel: s.minLevel })),
      payMin: number('payMin'),
      payMax: number('payMax'),
      payUnit: text('payUnit') as JobFields['payUnit'],
      employmentType,
      destination: employmentType === 'labour_export' ? text('destination') || null : null,
      headcount: number('headcount') ?? 1,
      address: text('address') || null,
      shuttleSiteIds: shuttle,
      accommodation: form.get('accommodation') === 'on',
      deadline: text('deadline') || null,
      ...(site ? { lat: site.lat, lng: site.lng } : {}),
      ...(status ? { status } : {}),
      ...(!job && me?.role !== 'employer' && onBehalfOf ? { employerId: onBehalfOf } : {}),
    };
    setSubmitted(status ?? 'edit');
    save.mutate({ id: job?.id, fields });
  };
  const posted = save.data;

  return (
    <form className="stack-form" onSubmit={(event) => submit(event, job ? undefined : 'open')}>
      <label>
        {t('opportunities.post.jobTitle')}
        <input name="title" required maxLength={120} defaultValue={job?.title} data-testid="job-title" />
        {problem('title')}
      </label>
      <label>
        {t('opportunities.post.description')}
        <textarea name="description" rows={3} maxLength={5000} defaultValue={job?.description} />
        {problem('description')}
      </label>
      <label>
        {t('opportunities.post.requirements')}
        <textarea name="requirements" rows={2} maxLength={2000} defaultValue={job?.requirements} />
        {problem('requirements')}
      </label>
      <SkillPicker value={skills} onChange={setSkills} />
      {problem('requiredSkills')}
      <div className="row">
        <label>
          {t('opportunities.post.payMin')}
          <input name="payMin" type="number" min={0} inputMode="numeric" defaultValue={job?.payMin ?? ''} />
        </label>
        <label>
          {t('opportunities.post.payMax')}
          <input name="payMax" type="number" min={0} inputMode="numeric" defaultValue={job?.payMax ?? ''} />
        </label>
        <label>
          {t('opportunities.post.payUnit')}
          <select name="payUnit" defaultValue={job?.payUnit ?? 'month'}>
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
      <fieldset className="stack-form">
        <legend>{t('opportunities.post.location')}</legend>
        <label>
          {t('opportunities.post.nearSite')}
          <select name="nearSite" defaultValue="" data-testid="near-site">
            <option value="">{t('opportunities.post.nearSiteNone')}</option>
            {sites.data?.items
              .filter((site) => site.lat !== null)
              .map((site) => (
                <option key={site.id} value={site.id}>
                  {site.name}
                </option>
              ))}
          </select>
        </label>
        <label>
          {t('opportunities.post.address')}
          <input name="address" maxLength={300} defaultValue={job?.address ?? employer.data?.address ?? ''} />
        </label>
      </fieldset>
      <fieldset className="chips" aria-label={t('opportunities.post.shuttle')}>
        <legend>{t('opportunities.post.shuttle')}</legend>
        {sites.data?.items.map((site) => (
          <button
            type="button"
            key={site.id}
            className="chip"
            aria-pressed={shuttle.includes(site.id)}
            onClick={() =>
              setShuttle(shuttle.includes(site.id) ? shuttle.filter((s) => s !== site.id) : [...shuttle, site.id])
            }
          >
            🚌 {site.name}
          </button>
        ))}
      </fieldset>
      <label className="skill-row">
        <input name="accommodation" type="checkbox" defaultChecked={job?.accommodation} />
        {t('opportunities.post.accommodation')}
      </label>
      <label>
        {t('opportunities.post.deadline')}
        <input name="deadline" type="date" defaultValue={job?.deadline ?? ''} />
        {problem('deadline')}
      </label>
      {Object.keys(problems).length > 0 && (
        <p className="field-error" role="alert">
          {t('opportunities.post.fix')} {Object.values(problems).join(' ')}
        </p>
      )}
      <div className="opps-actions">
        <button type="submit" className="primary" disabled={save.isPending} data-testid="job-submit">
          {job ? t('opportunities.post.save') : t('opportunities.post.submit')}
        </button>
        {!job && (
          <button
            type="button"
            disabled={save.isPending}
            onClick={(event) => {
              const form = event.currentTarget.form;
              if (form?.reportValidity()) submit({ preventDefault() {}, currentTarget: form } as never, 'draft');
            }}
          >
            {t('opportunities.post.saveDraft')}
          </button>
        )}
        <Link to="/postings">{t('common.cancel')}</Link>
      </div>
      {posted && (
        <p role="status" data-testid="job-saved">
          {submitted === 'draft'
            ? t('opportunities.post.savedDraft')
            : submitted === 'edit'
              ? t('opportunities.post.saved')
              : t('opportunities.post.done')}
          {posted.status === 'open' && !posted.employerVerified && ` ${t('opportunities.post.notLiveYet')}`}
        </p>
      )}
    </form>
  );
}
