import { CheckCircleFilled } from '@ant-design/icons';
import { Result } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { Posting, PostingKind } from '../api/postings.ts';

/** How a save ended: posted (发布), kept as a draft, or an existing posting changed. */
export type SaveOutcome = 'open' | 'draft' | 'edit';

/**
 * What the employer sees once a posting is saved, in place of the form: a big tick, what happened,
 * the posting's title and two big buttons. It replaces the filled form, so pressing 发布 again
 * cannot post the same thing twice, and it takes the top of the screen, where a phone shows it.
 */
export function PostingSaved({
  kind,
  posting,
  outcome,
  onAgain,
}: {
  kind: PostingKind;
  posting: Posting;
  outcome: SaveOutcome;
  /** 再发布一个 (a fresh, empty form) or 继续修改 (the form again, with what was saved). */
  onAgain: () => void;
}) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    window.scrollTo({ top: 0 });
    heading.current?.focus({ preventScroll: true });
  }, []);
  const title = {
    open: t('opportunities.post.done'),
    draft: t('opportunities.post.savedDraft'),
    edit: t('opportunities.post.saved'),
  }[outcome];
  // Back to 我的发布 (for the same employer when posting on its behalf), the saved one marked there.
  const onBehalf = useSearchParams()[0].get('employer');
  const list = `/postings?${new URLSearchParams({ ...(onBehalf ? { employer: onBehalf } : {}), saved: posting.id })}`;
  return (
    <Result
      status="success"
      icon={<CheckCircleFilled aria-hidden="true" />}
      data-testid="posting-saved"
      title={
        <h2 className="result-title" ref={heading} tabIndex={-1}>
          {title}
        </h2>
      }
      subTitle={
        <>
          <strong className="posting-saved-name">{posting.title}</strong>
          {outcome === 'draft' && <span className="posting-saved-note">{t('opportunities.post.draftHint')}</span>}
          {outcome !== 'draft' && posting.status === 'open' && !posting.employerVerified && (
            <span className="posting-saved-note">{t('opportunities.post.notLiveYet')}</span>
          )}
        </>
      }
      extra={
        <div className="opps-actions posting-saved-actions">
          <Link to={list} className="primary" data-testid="posting-saved-view">
            {t(`opportunities.post.viewMine.${kind}`)}
          </Link>
          <button type="button" onClick={onAgain} data-testid="posting-saved-again">
            {outcome === 'edit' ? t('opportunities.post.keepEditing') : t('opportunities.post.postAnother')}
          </button>
        </div>
      }
    />
  );
}
