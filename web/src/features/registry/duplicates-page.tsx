import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiProblem, type DuplicatePage, type DuplicatePerson, useDuplicates, useResolveDuplicate } from './api.ts';
import { Pager } from './pager.tsx';
import './registry.css';
import { QueryError } from '../../shared/query-error.tsx';

type Pair = DuplicatePage['items'][number];

/** Why a merge or dismissal failed, in plain words (the API's 409s and 404 have their own). */
function problemKey(error: unknown): string {
  if (error instanceof ApiProblem) {
    if (error.status === 409)
      return error.body.applicationId ? 'registry.duplicates.bothApplied' : 'registry.duplicates.differentIds';
    if (error.status === 404) return 'registry.duplicates.gone';
  }
  return 'registry.failed';
}

function PersonSide({
  person,
  chosen,
  onChoose,
  group,
}: {
  person: DuplicatePerson;
  chosen: boolean;
  onChoose: () => void;
  group: string;
}) {
  const { t } = useTranslation();
  return (
    <div className={`registry-duplicate-side${chosen ? ' chosen' : ''}`} data-testid={`duplicate-person-${person.id}`}>
      <strong>{person.name}</strong>
      <span>🎂 {person.birthDate ?? '—'}</span>
      <span>🪪 {person.idNumber ?? '—'}</span>
      <span>
        {t(`registry.relations.${person.relation}`)} · {person.householdNumber}
      </span>
      <span>📍 {person.siteName}</span>
      <Link to={`/registry/households/${person.householdId}`}>👪 {t('registry.duplicates.openHousehold')}</Link>
      <label className="registry-choice">
        <input type="radio" name={group} checked={chosen} onChange={onChoose} />
        {t('registry.duplicates.keepThis')}
      </label>
    </div>
  );
}

function PairCard({ pair, onDone }: { pair: Pair; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const resolve = useResolveDuplicate();
  const [keepId, setKeepId] = useState<string | null>(null);
  const { personA, personB } = pair;
  const group = `keep-${personA.id}-${personB.id}`;
  return (
    <li className="registry-card" data-testid={`duplicate-${personA.id}-${personB.id}`}>
      <span className="registry-badge">⚠️ {t(`registry.duplicates.reason.${pair.reason}`)}</span>
      <div className="registry-duplicate-pair">
        <PersonSide
          person={personA}
          group={group}
          chosen={keepId === personA.id}
          onChoose={() => setKeepId(personA.id)}
        />
        <PersonSide
          person={personB}
          group={group}
          chosen={keepId === personB.id}
          onChoose={() => setKeepId(personB.id)}
        />
      </div>
      {!keepId && <p className="registry-hint">{t('registry.duplicates.pickFirst')}</p>}
      <div className="registry-filters">
        <button
          type="button"
          className="registry-button"
          disabled={!keepId || resolve.isPending}
          onClick={() =>
            keepId &&
            resolve.mutate(
              { kind: 'merge', keepPersonId: keepId, removePersonId: keepId === personA.id ? personB.id : personA.id },
              { onSuccess: () => onDone('registry.duplicates.merged') },
            )
          }
        >
          🔗 {t('registry.duplicates.merge')}
        </button>
        <button
          type="button"
          className="registry-button secondary"
          disabled={resolve.isPending}
          onClick={() =>
            resolve.mutate(
              { kind: 'dismiss', personAId: personA.id, personBId: personB.id },
              { onSuccess: () => onDone('registry.duplicates.dismissed') },
            )
          }
        >
          🙅 {t('registry.duplicates.notDuplicate')}
        </button>
      </div>
      {resolve.isError && <p role="alert">⚠️ {t(problemKey(resolve.error))}</p>}
    </li>
  );
}

/** 疑似重复: pairs flagged by the data-quality checks; a worker merges them or says they differ. Mount at /registry/duplicates */
export function DuplicatesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const page = params.get('page') ?? '1';
  const duplicates = useDuplicates(page);
  const [done, setDone] = useState<string | null>(null);
  return (
    <section>
      <h1>🧑‍🤝‍🧑 {t('registry.duplicates.title')}</h1>
      <p>{t('registry.duplicates.intro')}</p>
      {done && <p role="status">✅ {t(done)}</p>}
      {duplicates.isPending ? (
        <p>{t('registry.loading')}</p>
      ) : duplicates.isError ? (
        <QueryError query={duplicates} />
      ) : duplicates.data.items.length === 0 ? (
        <p className="registry-card" role="status">
          ✅ {t('registry.duplicates.empty')}
        </p>
      ) : (
        <>
          <ul className="registry-list">
            {duplicates.data.items.map((pair) => (
              <PairCard key={`${pair.personA.id}-${pair.personB.id}`} pair={pair} onDone={setDone} />
            ))}
          </ul>
          <Pager
            page={duplicates.data.page}
            pageSize={duplicates.data.pageSize}
            total={duplicates.data.total}
            onPage={(p) => setParams({ page: String(p) })}
          />
        </>
      )}
    </section>
  );
}
