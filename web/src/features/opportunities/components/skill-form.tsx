import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { cloneElement, type FormEvent, type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Skill, useCreateSkill, useUpdateSkill } from '../api/skills.ts';
import { skillProblems } from '../skill-problems.ts';

const editions = ['1999', '2015', '2022'] as const;
type Edition = (typeof editions)[number];

export interface SkillCategory {
  code: string;
  name: string;
}

/**
 * One skill of the taxonomy (技能), edited by an admin: names, everyday words (俗称, which become
 * search synonyms), category, parent, occupation code with its edition, and the legal certificate.
 * `skill` absent means a new skill. Problems come from the API and are shown beside their field.
 */
export function SkillForm({
  skill,
  categories,
  allSkills,
  onDone,
  onCancel,
}: {
  skill?: Skill;
  categories: SkillCategory[];
  allSkills: Skill[];
  onDone: (saved: Skill, created: boolean) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateSkill();
  const create = useCreateSkill();
  const [code, setCode] = useState(skill?.code ?? '');
  const [nameZh, setNameZh] = useState(skill?.nameZh ?? '');
  const [nameEn, setNameEn] = useState(skill?.nameEn ?? '');
  const [aliases, setAliases] = useState<string[]>(skill?.aliases ?? []);
  const [category, setCategory] = useState(skill?.category ?? categories[0]?.code ?? '');
  const [parentCode, setParentCode] = useState(skill?.parentCode ?? '');
  const [occupationCode, setOccupationCode] = useState(skill?.occupationCode ?? '');
  const [occupationEdition, setOccupationEdition] = useState(skill?.occupationEdition ?? '');
  const [certificateRequired, setCertificateRequired] = useState(skill?.certificateRequired ?? false);
  const mutation = skill ? update : create;
  const problems = skillProblems(mutation.error, t);
  const field = (name: string, label: string, control: ReactElement) => (
    <Field name={name} label={label} problem={problems[name]}>
      {control}
    </Field>
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fields = {
      nameZh,
      nameEn,
      aliases,
      category,
      parentCode: parentCode || null,
      occupationCode: occupationCode.trim() || null,
      occupationEdition: (occupationEdition || null) as Edition | null,
      certificateRequired,
    };
    if (skill) {
      update.mutate({ code: skill.code, patch: fields }, { onSuccess: (saved) => onDone(saved, false) });
    } else {
      create.mutate({ code, ...fields }, { onSuccess: (saved) => onDone(saved, true) });
    }
  }

  const title = skill
    ? t('opportunities.skills.editTitle', { name: skill.nameZh })
    : t('opportunities.skills.newTitle');
  return (
    <form className="stack-form" onSubmit={submit} aria-label={title} data-testid="skill-form" noValidate>
      <h2>{title}</h2>
      {!skill &&
        field(
          'code',
          t('opportunities.skills.code'),
          <input value={code} onChange={(event) => setCode(event.target.value)} autoCapitalize="off" />,
        )}
      {field(
        'nameZh',
        t('opportunities.skills.nameZh'),
        <input value={nameZh} onChange={(event) => setNameZh(event.target.value)} />,
      )}
      {field(
        'nameEn',
        t('opportunities.skills.nameEn'),
        <input value={nameEn} onChange={(event) => setNameEn(event.target.value)} />,
      )}
      <AliasEditor aliases={aliases} onChange={setAliases} problem={problems.aliases} />
      {field(
        'category',
        t('opportunities.skills.category'),
        <select value={category} onChange={(event) => setCategory(event.target.value)}>
          {categories.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>,
      )}
      {field(
        'parentCode',
        t('opportunities.skills.parent'),
        <select value={parentCode} onChange={(event) => setParentCode(event.target.value)} data-testid="parent-picker">
          <option value="">{t('opportunities.skills.noParent')}</option>
          {categories.map((c) => (
            <optgroup key={c.code} label={c.name}>
              {allSkills
                .filter((s) => s.category === c.code && s.code !== skill?.code)
                .map((s) => (
                  <option key={s.code} value={s.code}>
                    {s.nameZh} ({s.code})
                  </option>
                ))}
            </optgroup>
          ))}
        </select>,
      )}
      <div className="row">
        {field(
          'occupationCode',
          t('opportunities.skills.occupationCode'),
          <input
            value={occupationCode}
            onChange={(event) => setOccupationCode(event.target.value)}
            inputMode="numeric"
          />,
        )}
        {field(
          'occupationEdition',
          t('opportunities.skills.occupationEdition'),
          <select value={occupationEdition} onChange={(event) => setOccupationEdition(event.target.value)}>
            <option value="">{t('opportunities.skills.editionNone')}</option>
            {editions.map((year) => (
              <option key={year} value={year}>
                {t('opportunities.skills.editionYear', { year })}
              </option>
            ))}
          </select>,
        )}
      </div>
      <label className="skill-row">
        <input
          type="checkbox"
          checked={certificateRequired}
          onChange={(event) => setCertificateRequired(event.target.checked)}
        />
        {t('opportunities.skills.certificateRequired')}
      </label>
      {Object.keys(problems).length > 0 && (
        <p className="field-error" role="alert">
          {t('opportunities.skills.fix')}
        </p>
      )}
      {mutation.error && Object.keys(problems).length === 0 && (
        <p className="field-error" role="alert">
          {t('common.error')}
        </p>
      )}
      <div className="opps-actions">
        <button type="submit" className="primary" disabled={mutation.isPending} data-testid="skill-submit">
          {skill ? t('opportunities.skills.save') : t('opportunities.skills.create')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('opportunities.skills.cancel')}
        </button>
      </div>
    </form>
  );
}

/** A labelled control with the API's problem beside it, tied to the control for screen readers. */
function Field({
  name,
  label,
  problem,
  children,
}: {
  name: string;
  label: string;
  problem?: string;
  children: ReactElement;
}) {
  return (
    <label htmlFor={`skill-${name}`}>
      {label}
      {cloneElement(children as ReactElement<Record<string, unknown>>, {
        id: `skill-${name}`,
        'aria-invalid': Boolean(problem),
        'aria-describedby': problem ? `skill-${name}-error` : undefined,
      })}
      {problem && <ProblemText name={name} problem={problem} />}
    </label>
  );
}

function ProblemText({ name, problem }: { name: string; problem: string }) {
  return (
    <span className="field-error" id={`skill-${name}-error`} data-testid={`problem-${name}`}>
      {problem}
    </span>
  );
}

/** 俗称: chips to remove, a box to add one (Enter or the button); duplicates are ignored. */
function AliasEditor({
  aliases,
  onChange,
  problem,
}: {
  aliases: string[];
  onChange: (aliases: string[]) => void;
  problem?: string;
}) {
  const { t } = useTranslation();
  const [newAlias, setNewAlias] = useState('');
  function addAlias() {
    const alias = newAlias.trim();
    if (alias && !aliases.includes(alias)) onChange([...aliases, alias]);
    setNewAlias('');
  }
  return (
    <fieldset className="stack-form">
      <legend>{t('opportunities.skills.aliases')}</legend>
      <ul className="chips alias-chips" data-testid="alias-chips">
        {aliases.length === 0 && <li>{t('opportunities.skills.aliasesNone')}</li>}
        {aliases.map((alias) => (
          <li key={alias}>
            <button
              type="button"
              className="chip"
              aria-label={t('opportunities.skills.removeAlias', { alias })}
              onClick={() => onChange(aliases.filter((a) => a !== alias))}
            >
              {alias} <CloseOutlined aria-hidden="true" />
            </button>
          </li>
        ))}
      </ul>
      <div className="row">
        <input
          value={newAlias}
          onChange={(event) => setNewAlias(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              addAlias();
            }
          }}
          aria-label={t('opportunities.skills.newAlias')}
          placeholder={t('opportunities.skills.newAlias')}
          maxLength={50}
        />
        <button type="button" className="chip" onClick={addAlias} disabled={!newAlias.trim()}>
          <PlusOutlined aria-hidden="true" /> {t('opportunities.skills.addAlias')}
        </button>
      </div>
      {problem && <ProblemText name="aliases" problem={problem} />}
    </fieldset>
  );
}
