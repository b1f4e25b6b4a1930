import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type PersonSkill, useUpdateSkills } from './api.ts';

interface Row {
  skillCode: string;
  level: number;
  certificate: string;
}

/** 技能: add, change or remove a person's skills (code from the skill list, level 1–5, certificate). */
export function SkillsEditor({ personId, skills }: { personId: string; skills: PersonSkill[] }) {
  const { t } = useTranslation();
  const save = useUpdateSkills(personId);
  const [rows, setRows] = useState<Row[]>(
    skills.map((s) => ({ skillCode: s.skillCode, level: s.level, certificate: s.certificate ?? '' })),
  );
  const [message, setMessage] = useState('');
  const set = (index: number, patch: Partial<Row>) =>
    setRows(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const submit = async () => {
    setMessage('');
    try {
      await save.mutateAsync(
        rows
          .filter((r) => r.skillCode.trim())
          .map((r) => ({ skillCode: r.skillCode.trim(), level: r.level, certificate: r.certificate.trim() || null })),
      );
      setMessage(t('registry.saved'));
    } catch {
      setMessage(t('registry.skillsFailed'));
    }
  };
  return (
    <section className="registry-card" aria-label={t('registry.skills')}>
      <h3>🛠️ {t('registry.skills')}</h3>
      {rows.map((row, index) => (
        <div className="registry-filters" key={`skill-${index.toString()}`}>
          <input
            aria-label={t('registry.skillCode')}
            placeholder={t('registry.skillCode')}
            value={row.skillCode}
            onChange={(e) => set(index, { skillCode: e.target.value })}
          />
          <select
            aria-label={t('registry.level')}
            value={row.level}
            onChange={(e) => set(index, { level: Number(e.target.value) })}
          >
            {[1, 2, 3, 4, 5].map((level) => (
              <option key={level} value={level}>
                {t('registry.level')} {level}
              </option>
            ))}
          </select>
          <input
            aria-label={t('registry.certificate')}
            placeholder={t('registry.certificate')}
            value={row.certificate}
            onChange={(e) => set(index, { certificate: e.target.value })}
          />
          <button
            type="button"
            className="registry-button secondary"
            onClick={() => setRows(rows.filter((_, i) => i !== index))}
          >
            ✖ {t('registry.remove')}
          </button>
        </div>
      ))}
      <div className="registry-filters">
        <button
          type="button"
          className="registry-button secondary"
          onClick={() => setRows([...rows, { skillCode: '', level: 1, certificate: '' }])}
        >
          ➕ {t('registry.addSkill')}
        </button>
        <button type="button" className="registry-button" disabled={save.isPending} onClick={submit}>
          💾 {t('registry.save')}
        </button>
      </div>
      {message && <p role="status">{message}</p>}
    </section>
  );
}
