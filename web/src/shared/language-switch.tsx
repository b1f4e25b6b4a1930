import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { switchLanguage } from '../i18n/i18n.ts';

/** 中文 / English; the label is in the language it switches to. */
export function LanguageSwitch({ className }: { className?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Button className={className} onClick={switchLanguage} lang={i18n.language === 'zh' ? 'en' : 'zh-CN'}>
      {t('language.switchTo')}
    </Button>
  );
}
