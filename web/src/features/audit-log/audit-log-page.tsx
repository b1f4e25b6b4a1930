import { Button, Form, Input, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../shared/query-error.tsx';
import { requestWords } from './request-labels.ts';
import { type AuditEntry, type AuditFilters, useAuditLog } from './use-audit-log.ts';

// Solid colours with white text: antd's light presets fall below 4.5:1 contrast.
const outcomeColor = { ok: '#1a7f37', denied: '#cf222e', failed: '#9a6700' } as const;

/** 审计日志: who did what, when and from where; newest first. */
export function AuditLogPage() {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<AuditFilters>({ page: 1, pageSize: 20 });
  const log = useAuditLog(filters);
  // A code in words; one not (yet) listed in messages.ts shows as it is.
  const word = (group: 'actions' | 'resources' | 'fieldNames', code: string) =>
    t(`audit.${group}.${code.replaceAll('.', '_')}`, { defaultValue: code });
  // A refused request is logged as its route; it reads as words too (the route stays in the tooltip).
  const requestWhat = (words: NonNullable<ReturnType<typeof requestWords>>) =>
    t(words.pathKey, { defaultValue: t('audit.requestPaths.other') });

  const columns = [
    {
      title: t('audit.at'),
      dataIndex: 'at',
      key: 'at',
      render: (at: string) => new Date(at).toLocaleString(i18n.language === 'zh' ? 'zh-CN' : 'en'),
    },
    {
      title: t('audit.user'),
      key: 'user',
      render: (_: unknown, entry: AuditEntry) =>
        entry.userId
          ? `${entry.userName ?? ''} #${entry.userId}${entry.role ? ` (${t(`roles.${entry.role}`)})` : ''}`
          : '—',
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      key: 'action',
      render: (action: string, entry: AuditEntry) => {
        const request = requestWords(action, entry.resourceId);
        if (!request) return word('actions', action);
        return (
          <span title={action}>
            {t('audit.requestAction', { verb: t(request.verbKey), what: requestWhat(request) })}
          </span>
        );
      },
    },
    {
      title: t('audit.resource'),
      key: 'resource',
      render: (_: unknown, entry: AuditEntry) => {
        const request = requestWords(entry.action, entry.resourceId);
        if (!request)
          return `${word('resources', entry.resourceType)}${entry.resourceId ? ` ${entry.resourceId}` : ''}`;
        const ids = request.ids.length ? t('audit.requestIds', { ids: request.ids.join('、') }) : '';
        return <span title={entry.resourceId ?? undefined}>{`${requestWhat(request)}${ids}`}</span>;
      },
    },
    {
      title: t('audit.outcome'),
      dataIndex: 'outcome',
      key: 'outcome',
      render: (outcome: AuditEntry['outcome']) => <Tag color={outcomeColor[outcome]}>{t(`audit.${outcome}`)}</Tag>,
    },
    {
      title: t('audit.fields'),
      dataIndex: 'fields',
      key: 'fields',
      render: (fields: string[] | null) => fields?.map((field) => word('fieldNames', field)).join('、') ?? '—',
    },
    { title: t('audit.ip'), dataIndex: 'ip', key: 'ip', render: (ip: string | null) => ip ?? '—' },
  ];

  return (
    <>
      <Typography.Title level={1}>{t('audit.title')}</Typography.Title>
      <Form
        layout="inline"
        size="large"
        className="filters"
        onFinish={(values: Omit<AuditFilters, 'page' | 'pageSize'>) =>
          setFilters({ ...values, page: 1, pageSize: filters.pageSize })
        }
      >
        <Form.Item name="action" label={t('audit.action')}>
          <Input placeholder={t('audit.actionPlaceholder')} />
        </Form.Item>
        <Form.Item name="userId" label={t('audit.user')}>
          <Input placeholder={t('audit.userIdPlaceholder')} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="outcome" label={t('audit.outcome')}>
          <Select
            className="filter-select"
            allowClear
            placeholder={t('audit.any')}
            options={(['ok', 'denied', 'failed'] as const).map((value) => ({ value, label: t(`audit.${value}`) }))}
          />
        </Form.Item>
        <Form.Item name="from" label={t('audit.from')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="to" label={t('audit.to')}>
          <Input type="date" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('audit.filter')}
        </Button>
      </Form>
      <QueryError query={log} />
      {/* The log is wider than a phone: the wrapper scrolls, and a keyboard can reach and scroll it. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable (WCAG 2.1.1) */}
      <section className="scroll-region" aria-label={t('audit.title')} tabIndex={0}>
        <Table<AuditEntry>
          rowKey="id"
          columns={columns}
          dataSource={log.data?.items ?? []}
          loading={log.isPending}
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: log.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setFilters({ ...filters, page, pageSize }),
          }}
        />
      </section>
    </>
  );
}
