import { educationLevels, employmentStatuses, laborCapacities } from '@anju/domain/enums';
import { checkIdNumber, type IdProblem } from '@anju/domain/id-number';
import { cloneElement, type FormEvent, type ReactElement, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiProblem, type PersonPatch, usePerson, useUpdatePerson } from './api.ts';
import { commuteKmValid, PersonWorkFields, type WorkDraft, workBody, workDraftOf } from './person-work-fields.tsx';
import './registry.css';
import { type FieldProblemWords, fieldProblemTexts } from '../../shared/field-problems.ts';
import { QueryError } from '../../shared/query-error.tsx';
import { SkillsEditor } from './skills-editor.tsx';

/** The message of each GB 11643 problem the shared check finds, before sending (the API checks again). */
const idProblemKey: Record<IdProblem, string> = {
  'id-format': 'idLength',
  'id-region': 'idRegion',
  'id-birth-invalid': 'idDate',
  'id-birth-future': 'idDate',
  'id-check-digit': 'idChecksum',
};

/** The API's problems with an ID number, in the same words as the check before sending. */
const personWords: FieldProblemWords = Object.fromEntries(
  Object.entries(idProblemKey).map(([code, key]) => [`idNumber.${code}`, `registry.validation.${key}`]),
);

interface Draft {
  name: string;
  idNumber: string;
  phone: string;
  education: string;
  laborCapacity: string;
  employmentStatus: string;
  validFrom: string;
  work: WorkDraft;
}

/** 修改成员信息 with inline messages in plain Chinese: mount at /registry/persons/:personId/edit */
export function PersonEditPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { personId = '' } = useParams();
  // Workers and admins edit here, and may see health: it is loaded (and the read audited) for the form.
  const person = usePerson(personId, 'healthNotes');
  const update = useUpdatePerson(personId);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');

  useEffect(() => {
    if (person.data && !draft) {
      const p = person.data;
      setDraft({
        name: p.name,
        idNumber: '',
        phone: '',
        education: p.education ?? '',
        laborCapacity: p.laborCapacity,
        employmentStatus: p.employmentStatus,
        validFrom: '',
        work: workDraftOf(p),
      });
    }
  }, [person.data, draft]);

  // The error first: a failed load leaves no draft, and would otherwise show 'loading' for ever.
  if (person.isError) return <QueryError query={person} />;
  if (person.isPending || !draft) return <p>{t('registry.loading')}</p>;

  const check = (d: Draft) => {
    const found: Record<string, string> = {};
    if (!d.name.trim()) found.name = t('registry.validation.required', { field: t('registry.name') });
    const id = d.idNumber.trim() ? checkIdNumber(d.idNumber) : null;
    if (id && !id.valid) found.idNumber = t(`registry.validation.${idProblemKey[id.code]}`);
    if (d.phone.trim() && !/^1\d{10}$/.test(d.phone.trim())) found.phone = t('registry.validation.phone');
    if (!commuteKmValid(d.work.maxCommuteKm)) found.maxCommuteKm = t('personWork.commuteWrong');
    return found;
  };
  const change = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    const next = { ...draft, [key]: value };
    setDraft(next);
    setErrors(check(next));
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = check(draft);
    setErrors(found);
    if (Object.keys(found).length) return;
    const body: PersonPatch = {
      version: person.data.version,
      name: draft.name.trim(),
      // The selects list only these values; find() gives them their types without a cast.
      education: educationLevels.find((level) => level === draft.education) ?? null,
      laborCapacity: laborCapacities.find((capacity) => capacity === draft.laborCapacity),
      employmentStatus: employmentStatuses.find((status) => status === draft.employmentStatus),
      ...workBody(draft.work, workDraftOf(person.data)),
    };
    if (draft.idNumber.trim()) body.idNumber = draft.idNumber.trim();
    if (draft.phone.trim()) body.phone = draft.phone.trim();
    if (draft.validFrom) body.validFrom = draft.validFrom;
    try {
      const saved = await update.mutateAsync(body);
      setMessage(t('registry.saved'));
      navigate(`/registry/households/${saved.householdId}`);
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 409) {
        setMessage(t('registry.conflict', { fields: (error.body.changedFields ?? []).join('、') }));
      } else if (error instanceof ApiProblem && error.body.errors) {
        setErrors(fieldProblemTexts(error.body.errors, t, personWords));
      } else setMessage(t('registry.failed'));
    }
  };
  const field = (key: keyof Draft, label: string, input: ReactElement) => (
    <div className="registry-field">
      <label htmlFor={`person-${key}`}>{label}</label>
      {cloneElement(input as ReactElement<{ id?: string }>, { id: `person-${key}` })}
      {errors[key] && (
        <span className="field-error" role="alert">
          ⚠️ {errors[key]}
        </span>
      )}
    </div>
  );
  const options = (values: readonly string[], prefix: string) =>
    values.map((v) => (
      <option key={v} value={v}>
        {t(`${prefix}.${v}`)}
      </option>
    ));
  return (
    <>
      <form className="registry-form" onSubmit={submit} noValidate>
        <h1>✏️ {person.data.name}</h1>
        {field(
          'name',
          t('registry.name'),
          <input name="name" value={draft.name} onChange={(e) => change('name', e.target.value)} />,
        )}
        {field(
          'idNumber',
          `${t('registry.idNumber')} (${person.data.idNumber ?? '—'})`,
          <input
            name="idNumber"
            inputMode="text"
            autoComplete="off"
            value={draft.idNumber}
            onChange={(e) => change('idNumber', e.target.value)}
          />,
        )}
        {field(
          'phone',
          `${t('registry.phone')} (${person.data.phone ?? '—'})`,
          <input name="phone" inputMode="tel" value={draft.phone} onChange={(e) => change('phone', e.target.value)} />,
        )}
        {field(
          'education',
          t('registry.education'),
          <select name="education" value={draft.education} onChange={(e) => change('education', e.target.value)}>
            <option value="">—</option>
            {options(educationLevels, 'registry.educations')}
          </select>,
        )}
        {field(
          'laborCapacity',
          t('registry.laborCapacity'),
          <select
            name="laborCapacity"
            value={draft.laborCapacity}
            onChange={(e) => change('laborCapacity', e.target.value)}
          >
            {options(laborCapacities, 'registry.labor')}
          </select>,
        )}
        {field(
          'employmentStatus',
          t('registry.employmentStatus'),
          <select
            name="employmentStatus"
            value={draft.employmentStatus}
            onChange={(e) => change('employmentStatus', e.target.value)}
          >
            {options(employmentStatuses, 'registry.employment')}
          </select>,
        )}
        {field(
          'validFrom',
          t('registry.validFrom'),
          <input
            name="validFrom"
            type="date"
            value={draft.validFrom}
            onChange={(e) => change('validFrom', e.target.value)}
          />,
        )}
        <PersonWorkFields
          draft={draft.work}
          onChange={(work) => change('work', work)}
          errors={errors}
          showHealth={person.data.health !== undefined}
        />
        {message && <p role="status">{message}</p>}
        <div className="registry-filters">
          <button type="submit" className="registry-button" disabled={update.isPending}>
            💾 {t('registry.save')}
          </button>
          <button type="button" className="registry-button secondary" onClick={() => navigate(-1)}>
            {t('registry.cancel')}
          </button>
        </div>
      </form>
      <SkillsEditor personId={personId} skills={person.data.skills ?? []} />
    </>
  );
}
