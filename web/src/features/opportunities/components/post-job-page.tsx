import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/fetch-json.ts';
import { type NewJob, type Skill, useMyJobs, usePostJob, useSkillSearch } from '../api/post-job.ts';

/** 我的岗位: an employer posts a job with the skills it needs and sees its postings. */
export function PostJobPage() {
  const { t } = useTranslation();
  const post = usePostJob();
  const mine = useMyJobs();
  const [skillQuery, setSkillQuery] = useState('');
  const skills = useSkillSearch(skillQuery);
  const [chosen, setChosen] = useState<Skill[]>([]);
  const problems = post.error instanceof ApiProblem ? post.error.errors : [];
  const problemFor = (field: string) => problems.find((p) => p.path.startsWith(`json.${field}`))?.message;

  return (
    <section className="card" aria-labelledby="post-job-title">
      <h1 id="post-job-title">{t('opportunities.post.title')}</h1>
      <form
        className="stack-form"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const number = (name: string) => (form.get(name) ? Number(form.get(name)) : null);
          const job: NewJob = {
            title: String(form.get('title') ?? ''),
            description: String(form.get('description') ?? ''),
            requiredSkills: chosen.map((skill) => ({ code: skill.code, minLevel: 1 })),
            payMin: number('payMin'),
            payMax: number('payMax'),
            payUnit: String(form.get('payUnit')) as NewJob['payUnit'],
            headcount: number('headcount') ?? 1,
            deadline: (form.get('deadline') as string) || null,
            status: 'open',
          };
          post.mutate(job);
        }}
      >
        <label>
          {t('opportunities.post.jobTitle')}
          <input name="title" required maxLength={120} data-testid="post-title" />
          {problemFor('title') && <span role="alert">{problemFor('title')}</span>}
        </label>
        <label>
          {t('opportunities.post.description')}
          <textarea name="description" rows={3} />
          {problemFor('description') && <span role="alert">{problemFor('description')}</span>}
        </label>
        <fieldset>
          <legend>{t('opportunities.post.skills')}</legend>
          <div className="chips">
            {chosen.map((skill) => (
              <button
                type="button"
                key={skill.code}
                className="chip"
                aria-pressed="true"
                onClick={() => setChosen(chosen.filter((s) => s.code !== skill.code))}
              >
                {skill.nameZh} ✕
              </button>
            ))}
          </div>
          <input
            type="search"
            value={skillQuery}
            onChange={(event) => setSkillQuery(event.target.value)}
            placeholder={t('opportunities.post.skillSearch')}
            data-testid="post-skill-search"
          />
          <div className="chips">
            {skills.data?.items
              .filter((skill) => !chosen.some((c) => c.code === skill.code))
              .map((skill) => (
                <button
                  type="button"
                  key={skill.code}
                  className="chip"
                  onClick={() => {
                    setChosen([...chosen, skill]);
                    setSkillQuery('');
                  }}
                >
                  ＋ {skill.nameZh}
                </button>
              ))}
          </div>
        </fieldset>
        <div className="row">
          <label>
            {t('opportunities.post.payMin')}
            <input name="payMin" type="number" min={0} inputMode="numeric" />
          </label>
          <label>
            {t('opportunities.post.payMax')}
            <input name="payMax" type="number" min={0} inputMode="numeric" />
          </label>
          <label>
            {t('opportunities.post.payUnit')}
            <select name="payUnit" defaultValue="month">
              <option value="month">{t('opportunities.pay.month')}</option>
              <option value="day">{t('opportunities.pay.day')}</option>
              <option value="piece">{t('opportunities.pay.piece')}</option>
            </select>
          </label>
        </div>
        {problemFor('payMin') && <span role="alert">{problemFor('payMin')}</span>}
        <label>
          {t('opportunities.post.headcount')}
          <input name="headcount" type="number" min={1} defaultValue={1} inputMode="numeric" />
        </label>
        <label>
          {t('opportunities.post.deadline')}
          <input name="deadline" type="date" />
          {problemFor('deadline') && <span role="alert">{problemFor('deadline')}</span>}
        </label>
        <button type="submit" className="big-button" disabled={post.isPending}>
          {t('opportunities.post.submit')}
        </button>
        {post.isSuccess && <p role="status">{t('opportunities.post.done')}</p>}
      </form>
      <h2>{t('opportunities.post.mine')}</h2>
      <ul className="result-list">
        {mine.data?.items.map((job) => (
          <li key={job.id} className="result-card">
            {job.title} · {t(`opportunities.status.${job.status}`)}
            {!job.employerVerified && ` · ${t('opportunities.post.awaitingVerification')}`}
          </li>
        ))}
      </ul>
    </section>
  );
}
