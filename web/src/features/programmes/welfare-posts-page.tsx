import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { QueryError } from '../../shared/query-error.tsx';
import { useMe } from '../auth/use-me.ts';
import { type PostInput, useCreatePost, useWelfarePosts } from './api.ts';
import { Card, Fold, Refusal, SiteSelect, useRefusalText } from './parts.tsx';

type Post = NonNullable<ReturnType<typeof useWelfarePosts>['data']>['items'][number];

/** The eligibility rules of a post in words. */
export function useEligibilityText() {
  const { t } = useTranslation();
  return (rules: Post['eligibility']) => {
    const parts = [
      ...(rules.laborCapacities ?? []).map((capacity) => t(`programmes.welfare.capacities.${capacity}`)),
      ...(rules.monitoredHouseholdOnly ? [t('programmes.welfare.monitoredOnly')] : []),
      ...(rules.minAge !== undefined || rules.maxAge !== undefined
        ? [t('programmes.welfare.age', { min: rules.minAge ?? '', max: rules.maxAge ?? '' })]
        : []),
    ];
    return t('programmes.welfare.eligibility', { rules: parts.join('、') || t('programmes.welfare.anyone') });
  };
}

/** 公益性岗位: posts by site with quota and how many hold them today. */
export function WelfarePostsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const posts = useWelfarePosts();
  const eligibility = useEligibilityText();
  const writer = me.data?.role === 'worker' || me.data?.role === 'admin';
  const sites = [...new Set(posts.data?.items.map((post) => post.siteName))];
  return (
    <section aria-labelledby="welfare-title">
      <h1 id="welfare-title">{t('programmes.welfare.title')}</h1>
      {writer ? <NewPostForm /> : null}
      <QueryError query={posts} />
      {posts.data?.items.length === 0 ? <p>{t('programmes.empty')}</p> : null}
      {sites.map((site) => (
        <div key={site}>
          <h2>{site}</h2>
          <ul className="programmes-list" data-testid="posts">
            {posts.data?.items
              .filter((post) => post.siteName === site)
              .map((post) => (
                <Card key={post.id} title={post.title} testId="post">
                  <p>
                    {t('programmes.welfare.filled', { filled: post.filled, quota: post.quota })} ·{' '}
                    {t('programmes.perMonth', { amount: post.monthlyPayYuan })}
                  </p>
                  <p className="programmes-muted">{eligibility(post.eligibility)}</p>
                  <Link className="programmes-primary" to={`/programmes/welfare-posts/${post.id}`}>
                    {t('programmes.welfare.open')}
                  </Link>
                </Card>
              ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

function NewPostForm() {
  const { t } = useTranslation();
  const create = useCreatePost();
  const refusal = useRefusalText();
  const [siteId, setSiteId] = useState('');
  const [title, setTitle] = useState('');
  const [quota, setQuota] = useState('1');
  const [pay, setPay] = useState('');
  const submit = () => {
    const input: PostInput = { siteId, title, quota: Number(quota), monthlyPayYuan: Number(pay), eligibility: {} };
    create.mutate(input, { onSuccess: () => setTitle('') });
  };
  return (
    <Fold label={`＋ ${t('programmes.welfare.newPost')}`}>
      <form
        className="programmes-form"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <SiteSelect value={siteId} onChange={setSiteId} />
        <label>
          {t('programmes.welfare.postTitle')}
          <input value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>
          {t('programmes.welfare.quota')}
          <input inputMode="numeric" value={quota} onChange={(e) => setQuota(e.target.value)} />
        </label>
        <label>
          {t('programmes.welfare.monthlyPay')}
          <input inputMode="decimal" value={pay} onChange={(e) => setPay(e.target.value)} />
        </label>
        <Refusal text={create.isError ? refusal(create.error, 'programmes.welfare.problems') : null} />
        <button type="submit" className="programmes-primary" disabled={create.isPending}>
          {t('programmes.welfare.create')}
        </button>
      </form>
    </Fold>
  );
}
