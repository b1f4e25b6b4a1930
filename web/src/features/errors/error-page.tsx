import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** The one error page: a big title, a plain sentence, and a big button back home. */
function ErrorPage({
  status,
  titleKey,
  textKey,
  testId,
}: {
  status: '403' | '404';
  titleKey: string;
  textKey: string;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Result
      status={status}
      title={<h1 className="result-title">{t(titleKey)}</h1>}
      subTitle={t(textKey)}
      extra={
        <Link to="/">
          <Button type="primary" size="large" tabIndex={-1}>
            {t('common.back')}
          </Button>
        </Link>
      }
      data-testid={testId}
    />
  );
}

export const ForbiddenPage = () => (
  <ErrorPage status="403" titleKey="errors.forbiddenTitle" textKey="errors.forbidden" testId="forbidden" />
);

export const NotFoundPage = () => (
  <ErrorPage status="404" titleKey="errors.notFoundTitle" textKey="errors.notFound" testId="not-found" />
);
