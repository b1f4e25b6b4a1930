import type { UseQueryResult } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api-error.ts';

type FailedQuery = Pick<UseQueryResult, 'isError' | 'error' | 'isFetching' | 'refetch'>;

/**
 * The one way a page says that loading its data failed, with a button to try again. It also
 * shows when a refetch failed behind data already on screen (after a save, say), which the
 * page would otherwise go on showing as if it were current. Renders nothing while all is well.
 */
export function QueryError({ query, message }: { query: FailedQuery; message?: string }) {
  const { t } = useTranslation();
  if (!query.isError) return null;
  const busy = query.error instanceof ApiError && query.error.status === 503;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="query-error"
      className="query-error"
      title={message ?? t(busy ? 'common.busy' : 'common.loadFailed')}
      action={
        <Button onClick={() => void query.refetch()} loading={query.isFetching}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}
