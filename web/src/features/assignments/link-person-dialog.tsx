import { Alert, Button, Input, List, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemReasonText } from '../../shared/problem-reason.ts';
import { useLinkPerson, usePersonLookup } from './api.ts';

export interface LinkTarget {
  id: string;
  name: string;
  personId: string | null;
  personName: string | null;
}

/** 关联家庭成员: find the resident's own person record by name or ID number, and link the account to it. */
export function LinkPersonDialog({ account, onClose }: { account: LinkTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [term, setTerm] = useState('');
  const lookup = usePersonLookup(term);
  const link = useLinkPerson();
  const close = () => {
    setTerm('');
    link.reset();
    onClose();
  };
  const hits = lookup.data?.items ?? [];
  return (
    <Modal
      open={account !== null}
      title={account ? t('assignments.linkTitle', { name: account.name }) : ''}
      onCancel={close}
      footer={<Button onClick={close}>{t('common.close')}</Button>}
      destroyOnHidden
    >
      {account?.personId && (
        <Typography.Paragraph>
          {t('assignments.person')}: <strong>{account.personName}</strong>{' '}
          <Button
            danger
            loading={link.isPending}
            onClick={() => link.mutate({ userId: account.id, personId: null }, { onSuccess: close })}
          >
            {t('assignments.unlink')}
          </Button>
        </Typography.Paragraph>
      )}
      <Input.Search
        size="large"
        allowClear
        enterButton={t('assignments.find')}
        placeholder={t('assignments.searchPerson')}
        aria-label={t('assignments.searchPerson')}
        onSearch={(value) => setTerm(value.trim())}
      />
      {lookup.isSuccess && hits.length === 0 && <Typography.Paragraph>{t('assignments.noMatch')}</Typography.Paragraph>}
      <List
        dataSource={hits}
        rowKey="id"
        renderItem={(person) => (
          <List.Item
            actions={[
              <Button
                key="pick"
                type="primary"
                loading={link.isPending && link.variables?.personId === person.id}
                onClick={() =>
                  account && link.mutate({ userId: account.id, personId: person.id }, { onSuccess: close })
                }
              >
                {t('assignments.pick')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={person.name}
              description={`${person.householdNumber} · ${person.idNumber ?? '—'} · ${person.birthDate ?? ''}`}
            />
          </List.Item>
        )}
      />
      {link.isError && <Alert type="error" role="alert" message={problemReasonText(t, link.error, 'assignments')} />}
    </Modal>
  );
}
