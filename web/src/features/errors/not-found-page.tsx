import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={<h1 className="result-title">{t('errors.notFoundTitle')}</h1>}
      subTitle={t('errors.notFound')}
      extra={
        <Link to="/">
          <Button type="primary" size="large" tabIndex={-1}>
            {t('common.back')}
          </Button>
        </Link>
      }
      data-testid="not-found"
    />
  );
}
