import { Descriptions, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export interface IssuedCode {
  code: string;
  login: string;
  expiresAt: string;
}

/** The code appears once, large, so the worker can read it out or show the screen. */
export function SetupCodeDialog({ issued, onClose }: { issued: IssuedCode | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Modal
      open={issued !== null}
      title={t('accounts.setupCodeTitle')}
      onCancel={onClose}
      onOk={onClose}
      okText={t('common.close')}
      cancelButtonProps={{ style: { display: 'none' } }}
    >
      {issued && (
        <>
          <p className="setup-code" data-testid="setup-code">
            {issued.code}
          </p>
          <Typography.Paragraph>{t('accounts.setupCodeShownOnce')}</Typography.Paragraph>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('accounts.setupCodeLogin')}>{issued.login}</Descriptions.Item>
            <Descriptions.Item label={t('accounts.setupCodeExpires')}>
              {new Date(issued.expiresAt).toLocaleString(i18n.language === 'zh' ? 'zh-CN' : 'en')}
            </Descriptions.Item>
          </Descriptions>
        </>
      )}
    </Modal>
  );
}
