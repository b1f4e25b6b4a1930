import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PostingSite } from '../api/postings.ts';

/**
 * Sites picked by tapping (班车 from these sites, or 带动 these sites): big toggle chips, the
 * choice carried in hidden inputs so the form reads it like any other field.
 */
export function SiteChips({
  name,
  legend,
  icon,
  sites,
  initial,
}: {
  name: string;
  legend: string;
  icon: string;
  sites: PostingSite[] | undefined;
  initial: string[];
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string[]>(initial);
  return (
    <fieldset className="chips">
      <legend>{legend}</legend>
      {sites?.length === 0 && <span>{t('opportunities.post.noSites')}</span>}
      {sites?.map((site) => (
        <button
          type="button"
          key={site.id}
          className="chip"
          aria-pressed={chosen.includes(site.id)}
          onClick={() =>
            setChosen(chosen.includes(site.id) ? chosen.filter((s) => s !== site.id) : [...chosen, site.id])
          }
        >
          {icon} {site.name}
        </button>
      ))}
      {chosen.map((id) => (
        <input key={id} type="hidden" name={name} value={id} />
      ))}
    </fieldset>
  );
}
