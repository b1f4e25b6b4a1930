import {
  EditOutlined,
  LeftOutlined,
  PlusOutlined,
  RightOutlined,
  SearchOutlined,
  TagsOutlined,
} from '@ant-design/icons';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Skill, useSkills } from '../api/skills.ts';
import { type SkillCategory, SkillForm } from './skill-form.tsx';
import '../opportunities.css';
import { QueryError } from '../../../shared/query-error.tsx';

const pageSize = 20;
// The whole taxonomy (a few hundred skills) for the category list and the parent picker;
// the API's page limit is 500.
const everything = { q: '', page: 1, pageSize: 500 };

/** 技能库: an admin finds a skill by any of its words, edits it, or adds a new one. */
export function SkillTaxonomyPage() {
  const { t, i18n } = useTranslation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [category, setCategory] = useState('');
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Skill | 'new' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const found = useSkills({ q, category, page, pageSize });
  const all = useSkills(everything);
  const english = i18n.language.startsWith('en');
  const nameOf = (skill: Skill) => (english ? skill.nameEn : skill.nameZh);

  // Each category's root skill carries the category's own code and its name.
  const categories: SkillCategory[] = useMemo(() => {
    const items = all.data?.items ?? [];
    const codes = [...new Set(items.map((s) => s.category))];
    return codes.map((code) => {
      const root = items.find((s) => s.code === code);
      return { code, name: root ? (english ? root.nameEn : root.nameZh) : code };
    });
  }, [all.data, english]);

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setQ(typed.trim());
    setPage(1);
  }

  const pages = Math.max(1, Math.ceil((found.data?.total ?? 0) / pageSize));
  const categoryName = (code: string) => categories.find((c) => c.code === code)?.name ?? code;

  if (editing) {
    return (
      <section className="opps-page" aria-labelledby="skills-title">
        <h1 id="skills-title">
          <TagsOutlined aria-hidden="true" /> {t('opportunities.skills.title')}
        </h1>
        <SkillForm
          skill={editing === 'new' ? undefined : editing}
          categories={categories}
          allSkills={all.data?.items ?? []}
          onCancel={() => setEditing(null)}
          onDone={(saved, created) => {
            setDone(t(created ? 'opportunities.skills.created' : 'opportunities.skills.saved', { name: saved.nameZh }));
            setEditing(null);
          }}
        />
      </section>
    );
  }

  return (
    <section className="opps-page" aria-labelledby="skills-title">
      <h1 id="skills-title">
        <TagsOutlined aria-hidden="true" /> {t('opportunities.skills.title')}
      </h1>
      <QueryError query={found} />
      <QueryError query={all} />
      {done && (
        <p role="status" className="opps-ok" data-testid="skill-saved">
          {done}
        </p>
      )}
      <form className="stack-form" onSubmit={search}>
        <div className="row">
          <input
            type="search"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            aria-label={t('opportunities.skills.search')}
            placeholder={t('opportunities.skills.search')}
            data-testid="skill-query"
          />
          <button type="submit" className="chip">
            <SearchOutlined aria-hidden="true" /> {t('opportunities.skills.searchButton')}
          </button>
        </div>
        <label>
          {t('opportunities.skills.category')}
          <select
            value={category}
            onChange={(event) => {
              setCategory(event.target.value);
              setPage(1);
            }}
          >
            <option value="">{t('opportunities.skills.allCategories')}</option>
            {categories.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      </form>
      <div className="opps-actions">
        <button type="button" className="primary" onClick={() => setEditing('new')} data-testid="skill-new">
          <PlusOutlined aria-hidden="true" /> {t('opportunities.skills.add')}
        </button>
      </div>
      {found.data && (
        <p aria-live="polite" data-testid="skill-count">
          {t('opportunities.skills.count', { count: found.data.total })}
        </p>
      )}
      {found.data?.total === 0 && <p>{t('opportunities.skills.none')}</p>}
      <ul className="result-list" data-testid="skill-list">
        {found.data?.items.map((skill) => (
          <li key={skill.code} className="result-card" data-testid="skill">
            <h2 className="result-title-line">
              {nameOf(skill)} <small lang={english ? 'zh' : 'en'}>{english ? skill.nameZh : skill.nameEn}</small>
            </h2>
            <p className="result-facts">
              <span>{categoryName(skill.category)}</span>
              <code translate="no">{skill.code}</code>
              {skill.certificateRequired && <span className="opps-warn">{t('opportunities.skills.certificate')}</span>}
            </p>
            {skill.aliases.length > 0 && (
              <p className="result-snippet" translate="no">
                {skill.aliases.join('、')}
              </p>
            )}
            <div className="opps-actions">
              <button
                type="button"
                onClick={() => {
                  setDone(null);
                  setEditing(skill);
                }}
              >
                <EditOutlined aria-hidden="true" /> {t('opportunities.skills.edit', { name: nameOf(skill) })}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {pages > 1 && (
        <nav className="opps-actions" aria-label={t('opportunities.skills.pageOf', { page, pages })}>
          <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            <LeftOutlined aria-hidden="true" /> {t('opportunities.skills.prev')}
          </button>
          <span>{t('opportunities.skills.pageOf', { page, pages })}</span>
          <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            {t('opportunities.skills.next')} <RightOutlined aria-hidden="true" />
          </button>
        </nav>
      )}
    </section>
  );
}
