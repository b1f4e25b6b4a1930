import { Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * An account that already has a password gets a new setup code only at the person's own
 * request: the worker writes down how it was made (it goes to the audit log).
 */
export function ResetRequestDialog({
  open,
  loading,
  onSubmit,
  onClose,
}: {
  open: boolean;
  loading: boolean;
  onSubmit: (residentRequest: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const valid = note.trim().length >= 4;
  return (
    <Modal
      open={open}
      title={t('accounts.resetRequestTitle')}
      onCancel={() => {
        setNote('');
        onClose();
      }}
      onOk={() => {
        onSubmit(note.trim());
        setNote('');
      }}
      okText={t('accounts.setupCode')}
      okButtonProps={{ disabled: !valid, loading }}
      cancelText={t('common.cancel')}
    >
      <Typography.Paragraph>{t('accounts.resetRequestHelp')}</Typography.Paragraph>
      <Input.TextArea
        aria-label={t('accounts.resetRequestTitle')}
        data-testid="reset-request"
        value={note}
        maxLength={500}
        rows={3}
        onChange={(event) => setNote(event.target.value)}
      />
    </Modal>
  );
}
