import { KeyOutlined, LinkOutlined, PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cardColumns } from '../../shared/card-table.ts';
import { QueryError } from '../../shared/query-error.tsx';
import { useMe } from '../auth/use-me.ts';
import { CreateAccountForm } from './create-account-form.tsx';
import { ResetRequestDialog } from './reset-request-dialog.tsx';
import { type IssuedCode, SetupCodeDialog } from './setup-code-dialog.tsx';
import { type Account, useAccounts, useIssueSetupCode, useSetAccountStatus } from './use-accounts.ts';

/** The assignments feature's dialogs on this page; composed in web/src/app/pages/accounts-page.tsx. */
export interface AccountsSlots {
  linkPerson: (account: Account | null, onClose: () => void) => ReactNode;
  handOver: (open: boolean, onClose: () => void, onDone: (notice: string) => void) => ReactNode;
}

/** 账号管理: admins manage every account, workers the accounts of their residents. */
export function AccountsPage({ slots }: { slots: AccountsSlots }) {
  const { t } = useTranslation();
  const me = useMe();
  const [filters, setFilters] = useState({ page: 1, pageSize: 20, q: '' });
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<IssuedCode | null>(null);
  const [requesting, setRequesting] = useState<Account | null>(null);
  const accounts = useAccounts(filters);
  const setStatus = useSetAccountStatus();
  const issueCode = useIssueSetupCode();
  const isAdmin = me.data?.role === 'admin';
  // Issue 14: a resident's account ↔ their person record, and 工作交接.
  const [linking, setLinking] = useState<Account | null>(null);
  const [handingOver, setHandingOver] = useState(false);
  const [handOverNotice, setHandOverNotice] = useState<string | null>(null);

  const columns = cardColumns([
    { title: t('accounts.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('accounts.login'),
      dataIndex: 'login',
      key: 'login',
      render: (value: string | null) => (value ? <span translate="no">{value}</span> : '—'),
    },
    {
      title: t('accounts.phone'),
      dataIndex: 'phone',
      key: 'phone',
      render: (value: string | null) => (value ? <span translate="no">{value}</span> : '—'),
    },
    {
      title: t('accounts.role'),
      dataIndex: 'role',
      key: 'role',
      render: (role: Account['role']) => t(`roles.${role}`),
    },
    {
      title: t('accounts.status'),
      dataIndex: 'status',
      key: 'status',
      render: (status: Account['status']) => (
        <Tag color={status === 'active' ? '#1a7f37' : '#57606a'}>{t(`accounts.${status}`)}</Tag>
      ),
    },
    {
      title: t('assignments.person'),
      key: 'person',
      render: (_: unknown, account: Account) =>
        account.role === 'resident' ? (account.personName ?? t('assignments.notLinked')) : '—',
    },
    {
      title: t('accounts.actions'),
      key: 'actions',
      render: (_: unknown, account: Account) => (
        <Space wrap>
          {account.role === 'resident' && (
            <Button icon={<LinkOutlined />} onClick={() => setLinking(account)}>
              {t('assignments.linkPerson')}
            </Button>
          )}
          {account.status === 'active' && (
            <Button
              icon={<KeyOutlined />}
              loading={issueCode.isPending && issueCode.variables?.id === account.id}
              onClick={() =>
                // A code replaces a password: for an account that has one, only at the person's request.
                account.hasPassword
                  ? setRequesting(account)
                  : issueCode.mutate({ id: account.id }, { onSuccess: setIssued })
              }
            >
              {t('accounts.setupCode')}
            </Button>
          )}
          {isAdmin && account.id !== me.data?.id && account.status === 'active' && (
            <Popconfirm
              title={t('accounts.confirmDisable')}
              okText={t('common.yes')}
              cancelText={t('common.no')}
              onConfirm={() => setStatus.mutate({ id: account.id, enabled: false })}
            >
              <Button danger>{t('accounts.disable')}</Button>
            </Popconfirm>
          )}
          {isAdmin && account.status === 'disabled' && (
            <Button onClick={() => setStatus.mutate({ id: account.id, enabled: true })}>{t('accounts.enable')}</Button>
          )}
        </Space>
      ),
    },
  ]);

  return (
    <>
      <Typography.Title level={1}>{t(isAdmin ? 'accounts.title' : 'accounts.residentTitle')}</Typography.Title>
      <div className="toolbar">
        <Input.Search
          size="large"
          allowClear
          placeholder={t('accounts.search')}
          aria-label={t('accounts.search')}
          onSearch={(q) => setFilters({ ...filters, q, page: 1 })}
          className="toolbar-search"
        />
        <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('accounts.create')}
        </Button>
        <Button size="large" icon={<SwapOutlined />} onClick={() => setHandingOver(true)}>
          {t('assignments.handOver')}
        </Button>
      </div>
      {handOverNotice && (
        <Alert
          type="success"
          role="status"
          showIcon
          closable
          message={handOverNotice}
          onClose={() => setHandOverNotice(null)}
        />
      )}
      <QueryError query={accounts} />
      <section
        className="scroll-region card-table"
        aria-label={t(isAdmin ? 'accounts.title' : 'accounts.residentTitle')}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable (WCAG 2.1.1)
        tabIndex={0}
      >
        <Table<Account>
          rowKey="id"
          columns={columns}
          dataSource={accounts.data?.items ?? []}
          loading={accounts.isPending}
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: accounts.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setFilters({ ...filters, page, pageSize }),
          }}
        />
      </section>
      {me.data && <CreateAccountForm actorRole={me.data.role} open={creating} onClose={() => setCreating(false)} />}
      <ResetRequestDialog
        open={requesting !== null}
        loading={issueCode.isPending}
        onClose={() => setRequesting(null)}
        onSubmit={(residentRequest) =>
          requesting &&
          issueCode.mutate(
            { id: requesting.id, residentRequest },
            {
              onSuccess: (code) => {
                setRequesting(null);
                setIssued(code);
              },
            },
          )
        }
      />
      <SetupCodeDialog issued={issued} onClose={() => setIssued(null)} />
      {slots.linkPerson(linking, () => setLinking(null))}
      {slots.handOver(handingOver, () => setHandingOver(false), setHandOverNotice)}
    </>
  );
}
