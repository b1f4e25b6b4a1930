import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={<h1 className="result-title">{t('errors.forbiddenTitle')}</h1>}
      subTitle={t('errors.forbidden')}
      extra={
        <Link to="/">
          <Button type="primary" size="large" tabIndex={-1}>
            {t('common.back')}
          </Button>
        </Link>
      }
      data-testid="forbidden"
    />
  );
}
