import { useTranslation } from 'react-i18next';
import { switchLanguage } from '../i18n/i18n.ts';

/**
 * 中文 / English; the label is in the language it switches to. A plain button (the login page and the
 * offline shell load no antd): `className` styles it for the top bar.
 */
export function LanguageSwitch({ className = 'language-switch' }: { className?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <button type="button" className={className} onClick={switchLanguage} lang={i18n.language === 'zh' ? 'en' : 'zh-CN'}>
      {t('language.switchTo')}
    </button>
  );
}
