import { type CreditCodeProblem, creditCodeProblem } from '@anju/domain/credit-code';
import { employerKinds } from '@anju/domain/enums';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Employer, type EmployerInput, useSaveEmployer } from '../api/employers.ts';
import { usePostingSites } from '../api/postings.ts';
import { fieldProblems } from '../problems.ts';

/** The message of each GB 32100 problem the shared check finds (the API checks again). */
const creditCodeMessage: Record<CreditCodeProblem['code'], string> = {
  'credit-code-format': 'opportunities.employer.creditCodeFormat',
  'credit-code-check': 'opportunities.employer.creditCodeCheck',
};

/** 单位信息: register the employer, or change it; the credit code is checked as it is typed. */
export function EmployerProfile({ employer }: { employer: Employer | null }) {
  const { t } = useTranslation();
  const save = useSaveEmployer(employer?.id);
  const sites = usePostingSites('');
  const [creditCode, setCreditCode] = useState(employer?.creditCode ?? '');
  const [touched, setTouched] = useState(false);
  const code = creditCode.trim().toUpperCase();
  const localProblem = code && touched ? creditCodeProblem(code) : null;
  const problems = fieldProblems(save.error, t);
  const codeProblem = localProblem ? t(creditCodeMessage[localProblem.code]) : problems.creditCode;

  return (
    <form
      className="stack-form"
      aria-label={employer ? t('opportunities.employer.title') : t('opportunities.employer.register')}
      onSubmit={(event) => {
        event.preventDefault();
        setTouched(true);
        if (code && creditCodeProblem(code)) return;
        const form = new FormData(event.currentTarget);
        const text = (name: string) => String(form.get(name) ?? '').trim() || null;
        const input: EmployerInput = {
          name: String(form.get('name') ?? '').trim(),
          kind: form.get('kind') as EmployerInput['kind'],
          creditCode: code || null,
          contactName: text('contactName'),
          contactPhone: text('contactPhone'),
          address: text('address'),
          regionId: text('regionId'),
        };
        save.mutate(input);
      }}
    >
      <label>
        {t('opportunities.employer.name')}
        <input name="name" required maxLength={200} defaultValue={employer?.name} />
      </label>
      <label>
        {t('opportunities.employer.kind')}
        <select name="kind" defaultValue={employer?.kind ?? 'enterprise'}>
          {employerKinds.map((kind) => (
            <option key={kind} value={kind}>
              {t(`opportunities.employer.kinds.${kind}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('opportunities.employer.creditCode')}
        <input
          name="creditCode"
          value={creditCode}
          maxLength={18}
          autoCapitalize="characters"
          aria-invalid={Boolean(codeProblem)}
          aria-describedby="credit-code-help"
          onChange={(event) => setCreditCode(event.target.value)}
          onBlur={() => setTouched(true)}
        />
        <small id="credit-code-help">{t('opportunities.employer.creditCodeHelp')}</small>
        {codeProblem && (
          <span className="field-error" role="alert">
            {codeProblem}
          </span>
        )}
      </label>
      <label>
        {t('opportunities.employer.contactName')}
        <input name="contactName" maxLength={100} defaultValue={employer?.contactName ?? ''} />
      </label>
      <label>
        {t('opportunities.employer.contactPhone')}
        <input name="contactPhone" type="tel" inputMode="tel" defaultValue={employer?.contactPhone ?? ''} />
        {problems.contactPhone && (
          <span className="field-error" role="alert">
            {problems.contactPhone}
          </span>
        )}
      </label>
      <label>
        {t('opportunities.employer.address')}
        <input name="address" maxLength={300} defaultValue={employer?.address ?? ''} />
      </label>
      <label>
        {t('opportunities.employer.site')}
        <select name="regionId" defaultValue={employer?.regionId ?? ''}>
          <option value="">{t('opportunities.employer.noSite')}</option>
          {sites.data?.items.map((site) => (
            <option key={site.id} value={site.id}>
              {site.name}
            </option>
          ))}
        </select>
        <small>{t('opportunities.employer.siteHelp')}</small>
      </label>
      <button type="submit" className="big-button" disabled={save.isPending}>
        {t('opportunities.employer.save')}
      </button>
      {save.isSuccess && <p role="status">{t('opportunities.employer.saved')}</p>}
    </form>
  );
}
