import { LoadingOutlined } from '@ant-design/icons';
import { Spin } from 'antd';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useMe } from '../../auth/use-me.ts';
import { NotFoundPage } from '../../errors/error-page.tsx';
import { useEmployer } from '../api/employers.ts';
import {
  type Job,
  type Posting,
  type PostingFields,
  type PostingKind,
  type Project,
  postingKinds,
  type Training,
  usePosting,
  usePostingSites,
  useSavePosting,
} from '../api/postings.ts';
import { fieldProblems } from '../problems.ts';
import { JobOwnFields, readJobFields } from './job-fields.tsx';
import { formReader } from './posting-form-parts.ts';
import { PostingSaved, type SaveOutcome } from './posting-saved.tsx';
import { ProjectOwnFields, readProjectFields } from './project-fields.tsx';
import { type ChosenSkill, SkillPicker } from './skill-picker.tsx';
import { readTrainingFields, TrainingOwnFields } from './training-fields.tsx';
import '../opportunities.css';

/**
 * 发布岗位 / 培训课程 / 产业项目, and changing one: /postings/new and /postings/:id/edit (jobs),
 * /postings/:kind/new and /postings/:kind/:id/edit. One form: the shared parts (title, skills,
 * place, deadline, problems, draft or publish) and each kind's own fields. Once saved, the form
 * gives way to what happened (PostingSaved); 再发布一个 brings back an empty form.
 */
export function PostingFormPage() {
  const { t } = useTranslation();
  const params = useParams();
  const kind = (params.kind ?? 'jobs') as PostingKind;
  const posting = usePosting(kind, params.id);
  const [saved, setSaved] = useState<{ posting: Posting; outcome: SaveOutcome } | null>(null);
  // Each fresh form is a new round: nothing typed before, and a mutation of its own.
  const [round, setRound] = useState(0);
  if (!postingKinds.includes(kind)) return <NotFoundPage />;
  if (params.id && posting.isPending) return <Spin description={t('common.loading')} />;
  return (
    <section className="opps-page" aria-labelledby="posting-form-title">
      <h1 id="posting-form-title">
        {params.id ? t(`opportunities.post.editTitleOf.${kind}`) : t(`opportunities.post.titleOf.${kind}`)}
      </h1>
      {saved ? (
        <PostingSaved
          kind={kind}
          posting={saved.posting}
          outcome={saved.outcome}
          onAgain={() => {
            setSaved(null);
            setRound((n) => n + 1);
          }}
        />
      ) : (
        <PostingForm
          kind={kind}
          posting={posting.data}
          key={`${posting.data?.id ?? 'new'}-${round}`}
          onSaved={(done, outcome) => setSaved({ posting: done, outcome })}
        />
      )}
    </section>
  );
}

/** Skills as each kind stores them: required with a minimum level, or taught up to a level. */
function skillsOf(kind: PostingKind, posting: Posting | undefined): ChosenSkill[] {
  if (!posting) return [];
  if (kind === 'trainings')
    return (posting as Training).skillsTaught.map((s) => ({ code: s.code, name: s.code, minLevel: s.level }));
  return (posting as Job | Project).requiredSkills.map((s) => ({ code: s.code, name: s.code, minLevel: s.minLevel }));
}

function skillFields(kind: PostingKind, skills: ChosenSkill[]) {
  if (kind === 'trainings') return { skillsTaught: skills.map((s) => ({ code: s.code, level: s.minLevel })) };
  return { requiredSkills: skills.map((s) => ({ code: s.code, minLevel: s.minLevel })) };
}

const readOwnFields = { jobs: readJobFields, trainings: readTrainingFields, projects: readProjectFields };

function PostingForm({
  kind,
  posting,
  onSaved,
}: {
  kind: PostingKind;
  posting: Posting | undefined;
  onSaved: (posting: Posting, outcome: SaveOutcome) => void;
}) {
  const { t } = useTranslation();
  const me = useMe().data;
  // Workers and admins post on behalf of the employer chosen on the postings page (代发布).
  const onBehalfOf = useSearchParams()[0].get('employer');
  const employer = useEmployer(me?.role === 'employer' ? me.employerId : (posting?.employerId ?? onBehalfOf));
  const save = useSavePosting(kind);
  const sites = usePostingSites('');
  const [skills, setSkills] = useState<ChosenSkill[]>(skillsOf(kind, posting));
  const problems = fieldProblems(save.error, t);
  // Set at once on the first tap: a quick second tap comes before the button shows as disabled.
  const sending = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);
  // A refused save: bring its first problem (beside its field, else the line above 发布) into view.
  useEffect(() => {
    if (save.error) formRef.current?.querySelector('.field-error')?.scrollIntoView({ block: 'center' });
  }, [save.error]);
  const problem = (field: string): ReactNode =>
    problems[field] ? (
      <span className="field-error" role="alert" data-testid={`problem-${field}`}>
        {problems[field]}
      </span>
    ) : null;

  const submit = (form: HTMLFormElement, status: 'draft' | 'open' | undefined) => {
    if (sending.current) return;
    const read = formReader(new FormData(form));
    const site = sites.data?.items.find((s) => s.id === read.text('nearSite'));
    const fields: Partial<PostingFields> = {
      title: read.text('title'),
      description: read.text('description'),
      requirements: read.text('requirements'),
      ...skillFields(kind, skills),
      ...readOwnFields[kind](read),
      address: read.textOrNull('address'),
      deadline: read.textOrNull('deadline'),
      ...(site ? { lat: site.lat, lng: site.lng } : {}),
      ...(status ? { status } : {}),
      ...(!posting && me?.role !== 'employer' && onBehalfOf ? { employerId: onBehalfOf } : {}),
    };
    sending.current = true;
    save.mutate(
      { id: posting?.id, fields },
      {
        onSuccess: (saved) => onSaved(saved, status ?? 'edit'),
        onSettled: () => {
          sending.current = false;
        },
      },
    );
  };
  const own = { sites: sites.data?.items, problem };

  return (
    <form
      ref={formRef}
      className="stack-form"
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        submit(event.currentTarget, posting ? undefined : 'open');
      }}
    >
      {employer.data && me?.role !== 'employer' && (
        <p data-testid="posting-for">{t('opportunities.post.onBehalfOf', { name: employer.data.name })}</p>
      )}
      <label>
        {t(`opportunities.post.nameOf.${kind}`)}
        <input name="title" required maxLength={120} defaultValue={posting?.title} data-testid="posting-title" />
        {problem('title')}
      </label>
      <label>
        {t(`opportunities.post.descriptionOf.${kind}`)}
        <textarea name="description" rows={3} maxLength={5000} defaultValue={(posting as Job)?.description} />
        {problem('description')}
      </label>
      <label>
        {t('opportunities.post.requirements')}
        <textarea name="requirements" rows={2} maxLength={2000} defaultValue={(posting as Job)?.requirements} />
        {problem('requirements')}
      </label>
      {kind === 'trainings' ? (
        <SkillPicker
          value={skills}
          onChange={setSkills}
          legend="opportunities.training.skillsTaught"
          levelLabel="opportunities.training.levelReached"
        />
      ) : (
        <SkillPicker value={skills} onChange={setSkills} />
      )}
      {problem(kind === 'trainings' ? 'skillsTaught' : 'requiredSkills')}
      {kind === 'jobs' && <JobOwnFields posting={posting as Job | undefined} {...own} />}
      {kind === 'trainings' && <TrainingOwnFields posting={posting as Training | undefined} {...own} />}
      {kind === 'projects' && <ProjectOwnFields posting={posting as Project | undefined} {...own} />}
      <fieldset className="stack-form">
        <legend>{t(`opportunities.post.locationOf.${kind}`)}</legend>
        <label>
          {t(`opportunities.post.nearSiteOf.${kind}`)}
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
          <input name="address" maxLength={300} defaultValue={posting?.address ?? employer.data?.address ?? ''} />
        </label>
      </fieldset>
      <label>
        {t('opportunities.post.deadline')}
        <input name="deadline" type="date" defaultValue={posting?.deadline ?? ''} />
        {problem('deadline')}
      </label>
      {Object.keys(problems).length > 0 && (
        <p className="field-error" role="alert">
          {t('opportunities.post.fix')} {Object.values(problems).join(' ')}
        </p>
      )}
      {save.isError && Object.keys(problems).length === 0 && (
        <p className="field-error" role="alert" data-testid="posting-failed">
          {t('opportunities.post.failed')}
        </p>
      )}
      <div className="opps-actions">
        <button
          type="submit"
          className="primary"
          disabled={save.isPending}
          aria-busy={save.isPending}
          data-testid="posting-submit"
        >
          {save.isPending && <LoadingOutlined aria-hidden="true" />}
          {posting ? t('opportunities.post.save') : t('opportunities.post.submit')}
        </button>
        {!posting && (
          <button
            type="button"
            disabled={save.isPending}
            onClick={(event) => {
              const form = event.currentTarget.form;
              if (form?.reportValidity()) submit(form, 'draft');
            }}
          >
            {t('opportunities.post.saveDraft')}
          </button>
        )}
        <Link to={onBehalfOf ? `/postings?employer=${onBehalfOf}` : '/postings'}>{t('common.cancel')}</Link>
      </div>
    </form>
  );
}
