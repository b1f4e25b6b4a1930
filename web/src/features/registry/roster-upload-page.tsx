import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  downloadRejectedRows,
  type ImportReport,
  type RosterField,
  type RosterMapping,
  rosterFields,
  uploadRoster,
} from './api.ts';
import './registry.css';

/** 导入花名册: check first (dry run), read the report, then import. Mount at /registry/import */
export function RosterUploadPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  /** The worker's reading of the headers, once they changed one (else the server's own, or a remembered one). */
  const [mapping, setMapping] = useState<RosterMapping | undefined>(undefined);
  const [choices, setChoices] = useState<RosterMapping>({});
  const run = async (dryRun: boolean, keepValid = false, chosen = mapping) => {
    if (!file) return;
    setBusy(true);
    setFailed(false);
    try {
      const result = await uploadRoster(file, dryRun, keepValid, chosen);
      setReport(result);
      setChoices(Object.fromEntries(result.columns.map((c) => [c.column, c.field])));
      // Every upload, a dry run too, is recorded in the import history.
      void queryClient.invalidateQueries({ queryKey: ['roster-imports'] });
      // Lists read before the commit would otherwise be served from the cache for a while.
      if (result.committed)
        for (const key of ['households', 'household', 'sites', 'site', 'person', 'resident-search'])
          void queryClient.invalidateQueries({ queryKey: [key] });
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  const download = async () => {
    if (!file) return;
    setFailed(false);
    try {
      const blob = await downloadRejectedRows(file, report?.keepValid ?? false, mapping);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `${file.name.replace(/\.(xlsx|csv)$/i, '')}-退回的行.xlsx`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch {
      setFailed(true);
    }
  };
  return (
    <section>
      <h1>📤 {t('registry.import')}</h1>
      <p>
        <a href="/api/imports/roster/template" download>
          ⬇️ {t('registry.upload.template')}
        </a>{' '}
        · <Link to="/registry/imports">🗂️ {t('registry.imports.title')}</Link>
      </p>
      <label className="registry-form">
        {t('registry.upload.pick')}
        <input
          type="file"
          name="file"
          accept=".xlsx,.csv"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setReport(null);
            setMapping(undefined);
          }}
        />
      </label>
      <div className="registry-filters">
        <button type="button" className="registry-button" disabled={!file || busy} onClick={() => run(true)}>
          🔎 {t('registry.upload.check')}
        </button>
        {report?.dryRun && report.rejected.length === 0 && (
          <button type="button" className="registry-button" disabled={busy} onClick={() => run(false)}>
            ✅ {t('registry.upload.commit')}
          </button>
        )}
        {report?.dryRun && report.rejected.length > 0 && (
          <button type="button" className="registry-button" disabled={busy} onClick={() => run(false, true)}>
            ✅ {t('registry.upload.commitValid')}
          </button>
        )}
        {report && (report.rejected.length > 0 || report.heldBack.length > 0) && (
          <button type="button" className="registry-button" disabled={busy} onClick={download}>
            ⬇️ {t('registry.upload.downloadRejected')}
          </button>
        )}
      </div>
      {busy && <p>{t('registry.loading')}</p>}
      {failed && <p role="alert">{t('registry.failed')}</p>}
      {report && (
        <div className="registry-card" data-testid="import-report">
          {report.committed && (
            <p role="status">
              🎉 {t('registry.upload.done')} ·{' '}
              <Link to={`/registry/imports?new=${report.importId}`}>🗂️ {t('registry.upload.history')}</Link>
            </p>
          )}
          <p>
            {t('registry.upload.created', { count: report.created })} ·{' '}
            {t('registry.upload.updated', { count: report.updated })} ·{' '}
            {t('registry.upload.unchanged', { count: report.unchanged })}
          </p>
          {report.mapping.source === 'remembered' && <p role="status">🧩 {t('registry.upload.mapping.remembered')}</p>}
          {report.dryRun && report.columns.length > 0 && (
            <details
              className="registry-mapping"
              data-testid="column-mapping"
              open={report.rejected.some((r) => r.code === 'column-missing') || report.columns.some((c) => c.guessed)}
            >
              <summary>🧩 {t('registry.upload.mapping.title')}</summary>
              <p>{t('registry.upload.mapping.hint')}</p>
              <table className="registry-table">
                <thead>
                  <tr>
                    <th>{t('registry.upload.mapping.header')}</th>
                    <th>{t('registry.upload.mapping.field')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.columns.map((c) => (
                    <tr key={c.column}>
                      <td>
                        {c.column}
                        {c.guessed && <small> {t('registry.upload.mapping.guessed')}</small>}
                      </td>
                      <td>
                        <select
                          aria-label={c.column}
                          value={choices[c.column] ?? ''}
                          onChange={(e) =>
                            setChoices({ ...choices, [c.column]: (e.target.value || null) as RosterField | null })
                          }
                        >
                          <option value="">{t('registry.upload.mapping.skip')}</option>
                          {rosterFields.map((field) => (
                            <option key={field} value={field}>
                              {t(`registry.upload.mapping.fields.${field}`)}
                            </option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <button
                type="button"
                className="registry-button"
                disabled={busy}
                onClick={() => {
                  setMapping(choices);
                  void run(true, false, choices);
                }}
              >
                🔁 {t('registry.upload.mapping.recheck')}
              </button>
            </details>
          )}
          {report.notRead.length > 0 && (
            <p data-testid="not-read">
              ℹ️ {t('registry.upload.notRead')}：{report.notRead.join('、')}
            </p>
          )}
          {report.defaulted.laborCapacity > 0 && (
            <p data-testid="defaulted-labor" role="alert">
              ⚠️ {t('registry.upload.defaultedLabor', { count: report.defaulted.laborCapacity })}
            </p>
          )}
          {report.defaulted.employmentStatus > 0 && (
            <p data-testid="defaulted-employment">
              ℹ️ {t('registry.upload.defaultedEmployment', { count: report.defaulted.employmentStatus })}
            </p>
          )}
          {report.heldBack.length > 0 && (
            <p>
              ⏸️ {t('registry.upload.heldBack', { count: report.heldBack.length })}：{report.heldBack.join('、')}
            </p>
          )}
          {report.rejected.length === 0 ? (
            !report.committed && <p>✅ {t('registry.upload.clean')}</p>
          ) : (
            <>
              <p role="alert">⚠️ {t('registry.upload.rejected', { count: report.rejected.length })}</p>
              <table className="registry-table">
                <thead>
                  <tr>
                    <th>{t('registry.upload.row')}</th>
                    <th>{t('registry.upload.column')}</th>
                    <th>{t('registry.upload.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.rejected.map((r) => (
                    <tr key={`${r.row}-${r.column}-${r.reason}`}>
                      <td>{r.row}</td>
                      <td>{r.column}</td>
                      <td>{i18n.language === 'en' ? r.reasonEn : r.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </div>
      )}
    </section>
  );
}
