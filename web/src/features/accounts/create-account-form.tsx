import { roles } from '@anju/domain/enums';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api-error.ts';
import { fieldOf, fieldProblemText } from '../../shared/field-problems.ts';
import type { Role } from '../auth/use-me.ts';
import { type NewAccount, useAssignableRegions, useCreateAccount } from './use-accounts.ts';

/** New account: an admin picks any role; a worker creates residents of their own sites. */
export function CreateAccountForm({
  actorRole,
  open,
  onClose,
}: {
  actorRole: Role;
  open: boolean;
  onClose: (createdId?: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<NewAccount>();
  const role = Form.useWatch('role', form) ?? (actorRole === 'worker' ? 'resident' : undefined);
  const regions = useAssignableRegions();
  const create = useCreateAccount();
  const sites = (regions.data?.items ?? []).filter((region) => region.level === 'site');
  const regionOptions = (regions.data?.items ?? []).map((region) => ({ value: region.id, label: region.name }));
  const siteOptions = sites.map((region) => ({ value: region.id, label: region.name }));
  const serverError = create.error instanceof ApiError ? create.error : create.error ? new ApiError(0, {}, null) : null;

  const submit = (values: NewAccount) => {
    const cleaned = Object.fromEntries(
      Object.entries(values).filter(([, value]) => value !== '' && value !== undefined),
    ) as NewAccount;
    create.mutate(cleaned, {
      onSuccess: (account) => {
        form.resetFields();
        onClose(account.id);
      },
      onError: (error) => {
        if (!(error instanceof ApiError)) return;
        form.setFields(
          (error.problem.errors ?? [])
            .filter((problem) => problem.path.startsWith('json.'))
            .map((problem) => ({
              name: fieldOf(problem.path) as keyof NewAccount,
              errors: [fieldProblemText(problem, t)],
            })),
        );
      },
    });
  };

  return (
    <Modal
      open={open}
      title={t('accounts.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={() => onClose()}
      destroyOnHidden
    >
      {serverError && !serverError.problem.errors && <Alert type="error" title={serverError.message} showIcon />}
      <Form
        form={form}
        layout="vertical"
        size="large"
        onFinish={submit}
        initialValues={{ role: actorRole === 'worker' ? 'resident' : undefined }}
      >
        <Form.Item name="role" label={t('accounts.role')} rules={[{ required: true, message: t('login.required') }]}>
          {/* A worker's only choice is 搬迁群众: one option, not a greyed-out (hard to read) control. */}
          <Select
            options={(actorRole === 'worker' ? (['resident'] as Role[]) : roles).map((value) => ({
              value,
              label: t(`roles.${value}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="name" label={t('accounts.name')} rules={[{ required: true, message: t('login.required') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="phone" label={t('accounts.phone')}>
          <Input inputMode="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item name="login" label={t('accounts.login')} extra={t('accounts.loginOrPhone')}>
          <Input autoComplete="off" />
        </Form.Item>
        {(role === 'official' || role === 'admin') && (
          <Form.Item
            name="regionId"
            label={t('accounts.region')}
            rules={[{ required: role === 'official', message: t('login.required') }]}
          >
            <Select options={regionOptions} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        )}
        {role === 'official' && (
          <Form.Item name="department" label={t('accounts.department')}>
            <Input />
          </Form.Item>
        )}
        {(role === 'worker' || role === 'helper') && (
          <Form.Item
            name="assignedRegionIds"
            label={t('accounts.sites')}
            rules={[{ required: true, message: t('login.required') }]}
          >
            <Select mode="multiple" options={siteOptions} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        )}
        {role === 'resident' && (
          <Form.Item
            name="homeSiteId"
            label={t('accounts.homeSite')}
            rules={[{ required: true, message: t('login.required') }]}
          >
            <Select options={siteOptions} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        )}
        <Form.Item name="password" label={t('accounts.password')} extra={t('accounts.passwordHelp')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
