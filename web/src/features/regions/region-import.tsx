import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type RegionImportReport, uploadRegions } from './api.ts';

/** 导入区划表: check first (dry run), read the per-row reasons, then import all or nothing. */
export function RegionImport() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<RegionImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setFailed(false);
    try {
      const result = await uploadRegions(file, dryRun);
      setReport(result);
      if (result.committed) void queryClient.invalidateQueries({ queryKey: ['regions'] });
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="region-import" aria-label={t('regions.import.title')}>
      <Typography.Title level={2}>{t('regions.import.title')}</Typography.Title>
      <Typography.Paragraph>{t('regions.import.help')}</Typography.Paragraph>
      <label>
        {t('regions.import.pick')}
        <br />
        <input
          type="file"
          name="file"
          accept=".xlsx,.csv"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setReport(null);
          }}
        />
      </label>
      <Space wrap className="region-import-buttons">
        <Button disabled={!file || busy} onClick={() => run(true)}>
          {t('regions.import.check')}
        </Button>
        {report?.dryRun && report.rejected.length === 0 && (
          <Button type="primary" disabled={busy} onClick={() => run(false)}>
            {t('regions.import.commit')}
          </Button>
        )}
      </Space>
      {failed && <Alert type="error" role="alert" message={t('regions.import.failed')} />}
      {report && (
        <div role="status">
          <p>
            {report.committed && `${t('regions.import.committed')} · `}
            {t('regions.import.summary', {
              rows: report.rowCount,
              created: report.created,
              renamed: report.renamed,
              unchanged: report.unchanged,
            })}
          </p>
          {report.rejected.length > 0 && (
            <>
              <p>{t('regions.import.rejected', { count: report.rejected.length })}</p>
              <ul>
                {report.rejected.map((problem) => (
                  <li key={`${problem.row}-${problem.column}`}>{t('regions.import.row', problem)}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}
