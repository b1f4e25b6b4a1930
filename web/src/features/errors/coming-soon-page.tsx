import { Result } from 'antd';
import { useTranslation } from 'react-i18next';

/** A page another feature will fill; reachable from the menu so the navigation is complete. */
export function ComingSoonPage({ titleKey }: { titleKey: string }) {
  const { t } = useTranslation();
  return (
    <Result status="info" title={<h1 className="result-title">{t(titleKey)}</h1>} subTitle={t('common.comingSoon')} />
  );
}
