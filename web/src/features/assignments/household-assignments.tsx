import { Alert, Button, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemReasonText } from '../../shared/problem-reason.ts';
import { useAssignHelper, useHelperAssignments, useSetResponsibleWorker, useStaff, useUnassignHelper } from './api.ts';
import './assignments.css';

interface Props {
  household: { id: string; version: number; responsibleWorkerId?: string | null };
}

/** 责任人与帮扶干部 of one household: a worker (of the site) or admin sets both. */
export function HouseholdAssignments({ household }: Props) {
  const { t } = useTranslation();
  const workers = useStaff('worker');
  const helpers = useStaff('helper');
  const assignments = useHelperAssignments(household.id);
  const setWorker = useSetResponsibleWorker(household.id);
  const assign = useAssignHelper();
  const unassign = useUnassignHelper();
  const [helperId, setHelperId] = useState<string | undefined>();
  const workerName =
    workers.data?.items.find((worker) => worker.id === household.responsibleWorkerId)?.name ??
    (household.responsibleWorkerId ? '…' : t('assignments.none'));
  const failure = setWorker.error ?? assign.error ?? unassign.error;
  const assigned = assignments.data?.items ?? [];
  return (
    <section className="registry-card" aria-labelledby="household-assignments">
      <Typography.Title level={2} id="household-assignments">
        {t('assignments.panel')}
      </Typography.Title>
      <p>
        {t('assignments.responsibleWorker')}: <strong data-testid="responsible-worker">{workerName}</strong>
      </p>
      <Select
        className="assignment-select"
        aria-label={t('assignments.pickWorker')}
        placeholder={t('assignments.pickWorker')}
        value={null}
        loading={setWorker.isPending}
        options={(workers.data?.items ?? []).map((worker) => ({ value: worker.id, label: worker.name }))}
        onChange={(responsibleWorkerId: string) =>
          setWorker.mutate({ version: household.version, responsibleWorkerId })
        }
      />
      <Typography.Title level={3}>{t('assignments.helpers')}</Typography.Title>
      {assigned.length === 0 && <p>{t('assignments.noHelpers')}</p>}
      <ul className="registry-list" data-testid="helper-list">
        {assigned.map((row) => (
          <li key={row.id}>
            {row.helperName}{' '}
            <Button size="small" onClick={() => unassign.mutate({ helperId: row.helperId, householdId: household.id })}>
              {t('assignments.remove')}
            </Button>
          </li>
        ))}
      </ul>
      <Space wrap>
        <Select
          className="assignment-select"
          aria-label={t('assignments.pickHelper')}
          placeholder={t('assignments.pickHelper')}
          value={helperId}
          onChange={setHelperId}
          options={(helpers.data?.items ?? []).map((helper) => ({ value: helper.id, label: helper.name }))}
        />
        <Button
          type="primary"
          disabled={!helperId}
          loading={assign.isPending}
          onClick={() =>
            helperId &&
            assign.mutate({ helperId, householdIds: [household.id] }, { onSuccess: () => setHelperId(undefined) })
          }
        >
          {t('assignments.addHelper')}
        </Button>
      </Space>
      {failure && <Alert type="error" role="alert" message={problemReasonText(t, failure, 'assignments')} />}
    </section>
  );
}
