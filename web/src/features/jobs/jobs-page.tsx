import { Alert, App, Button, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type ScheduledJob, useJobs, useRunJob } from './use-jobs.ts';

// Solid colours with white text: antd's light presets fall below 4.5:1 contrast.
const outcomeColor = { running: '#0969da', succeeded: '#1a7f37', failed: '#cf222e', interrupted: '#9a6700' } as const;

/** 计划任务: each scheduled job, when it last ran and how, when it runs next, and 立即运行. */
export function JobsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const jobs = useJobs();
  const runJob = useRunJob();
  const when = (at: string | null | undefined) =>
    at ? new Date(at).toLocaleString(i18n.language === 'zh' ? 'zh-CN' : 'en', { timeZone: 'Asia/Shanghai' }) : '—';

  const columns = [
    {
      title: t('jobs.name'),
      key: 'name',
      render: (_: unknown, job: ScheduledJob) => t(`jobs.names.${job.name}`, { defaultValue: job.name }),
    },
    {
      title: t('jobs.schedule'),
      key: 'schedule',
      render: (_: unknown, job: ScheduledJob) => t(`jobs.schedules.${job.name}`, { defaultValue: job.cron }),
    },
    {
      title: t('jobs.lastRun'),
      key: 'lastRun',
      render: (_: unknown, job: ScheduledJob) =>
        job.lastRun ? `${when(job.lastRun.startedAt)} (${t(`jobs.triggers.${job.lastRun.trigger}`)})` : t('jobs.never'),
    },
    {
      title: t('jobs.outcome'),
      key: 'outcome',
      render: (_: unknown, job: ScheduledJob) =>
        job.lastRun ? (
          <span title={job.lastRun.error ?? undefined}>
            <Tag color={outcomeColor[job.lastRun.outcome]}>{t(`jobs.outcomes.${job.lastRun.outcome}`)}</Tag>
          </span>
        ) : (
          '—'
        ),
    },
    { title: t('jobs.nextRun'), key: 'nextRun', render: (_: unknown, job: ScheduledJob) => when(job.nextRunAt) },
    {
      title: t('jobs.actions'),
      key: 'actions',
      render: (_: unknown, job: ScheduledJob) => (
        <Button
          disabled={!jobs.data?.running}
          loading={runJob.isPending && runJob.variables === job.name}
          onClick={() =>
            runJob.mutate(job.name, {
              onSuccess: (result) =>
                void message.success(t(result.alreadyWaiting ? 'jobs.alreadyWaiting' : 'jobs.queued')),
              onError: () => void message.error(t('jobs.runFailed')),
            })
          }
        >
          {t('jobs.runNow')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <Typography.Title level={1}>{t('jobs.title')}</Typography.Title>
      {jobs.data && !jobs.data.running && <Alert type="info" showIcon message={t('jobs.notRunning')} />}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable (WCAG 2.1.1) */}
      <section className="scroll-region" aria-label={t('jobs.title')} tabIndex={0}>
        <Table<ScheduledJob>
          rowKey="name"
          columns={columns}
          dataSource={jobs.data?.items ?? []}
          loading={jobs.isPending}
          pagination={false}
        />
      </section>
    </>
  );
}
