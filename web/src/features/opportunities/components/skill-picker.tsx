import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSkillNames, useSkills } from '../api/skills.ts';

export interface ChosenSkill {
  code: string;
  name: string;
  minLevel: number;
}

/**
 * Pick skills from the taxonomy: everyday words find them too (衣车 → 缝纫), each with a level —
 * the level needed (jobs, projects) or the level a course brings its students to (trainings).
 */
export function SkillPicker({
  value,
  onChange,
  legend = 'opportunities.post.skills',
  levelLabel = 'opportunities.post.minLevel',
}: {
  value: ChosenSkill[];
  onChange: (next: ChosenSkill[]) => void;
  legend?: 'opportunities.post.skills' | 'opportunities.training.skillsTaught';
  levelLabel?: 'opportunities.post.minLevel' | 'opportunities.training.levelReached';
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useSkills({ q: q.trim(), page: 1, pageSize: 8 });
  // A saved posting names its skills by code: shown by their names, never the raw code.
  const names = useSkillNames(value.filter((skill) => skill.name === skill.code).map((skill) => skill.code));
  const named = value.map((skill) =>
    skill.name === skill.code && skill.code in names ? { ...skill, name: names[skill.code] ?? '…' } : skill,
  );
  return (
    <fieldset className="stack-form">
      <legend>{t(legend)}</legend>
      {named.map((skill) => (
        <div key={skill.code} className="skill-row" data-testid="chosen-skill">
          <strong>{skill.name}</strong>
          <select
            aria-label={`${skill.name} ${t(levelLabel)}`}
            value={skill.minLevel}
            onChange={(event) =>
              onChange(value.map((s) => (s.code === skill.code ? { ...s, minLevel: Number(event.target.value) } : s)))
            }
          >
            {[1, 2, 3, 4, 5].map((level) => (
              <option key={level} value={level}>
                {t(levelLabel)}: {t(`opportunities.post.levels.${level}`)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="chip"
            aria-label={t('opportunities.post.removeSkill', { name: skill.name })}
            onClick={() => onChange(value.filter((s) => s.code !== skill.code))}
          >
            <CloseOutlined aria-hidden="true" />
          </button>
        </div>
      ))}
      <input
        type="search"
        value={q}
        onChange={(event) => setQ(event.target.value)}
        placeholder={t('opportunities.post.skillSearch')}
        aria-label={t('opportunities.post.skillSearch')}
        data-testid="skill-search"
      />
      {q.trim() && (
        <ul className="result-list" aria-live="polite">
          {found.data?.items
            .filter((skill) => !value.some((s) => s.code === skill.code))
            .map((skill) => (
              <li key={skill.code}>
                <button
                  type="button"
                  className="chip"
                  aria-label={t('opportunities.post.addSkill', { name: skill.nameZh })}
                  onClick={() => {
                    onChange([...value, { code: skill.code, name: skill.nameZh, minLevel: 1 }]);
                    setQ('');
                  }}
                >
                  <PlusOutlined aria-hidden="true" /> {skill.nameZh}
                </button>{' '}
                {skill.aliases.length > 0 && (
                  <small>{t('opportunities.post.aka', { aliases: skill.aliases.slice(0, 4).join('、') })}</small>
                )}
                {skill.certificateRequired && <small> · {t('opportunities.post.certificate')}</small>}
              </li>
            ))}
        </ul>
      )}
    </fieldset>
  );
}
