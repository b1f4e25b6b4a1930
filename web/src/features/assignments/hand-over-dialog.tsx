import { Alert, Form, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { problemReasonText } from '../../shared/problem-reason.ts';
import { useHandOver, useStaff } from './api.ts';

/** 工作交接: every household of a leaving worker (and their open alerts) goes to another worker. */
export function HandOverDialog({
  open,
  onClose,
  onDone,
}: {
  open: boolean;
  onClose: () => void;
  onDone: (text: string) => void;
}) {
  const { t } = useTranslation();
  const workers = useStaff('worker', open);
  const handOver = useHandOver();
  const [form] = Form.useForm<{ fromWorkerId: string; toWorkerId: string }>();
  const options = (workers.data?.items ?? []).map((worker) => ({ value: worker.id, label: worker.name }));
  const close = () => {
    handOver.reset();
    form.resetFields();
    onClose();
  };
  const submit = async () => {
    const values = await form.validateFields();
    const moved = await handOver.mutateAsync(values);
    onDone(t('assignments.handOverDone', moved));
    close();
  };
  return (
    <Modal
      open={open}
      title={t('assignments.handOverTitle')}
      okText={t('assignments.handOver')}
      cancelText={t('common.cancel')}
      confirmLoading={handOver.isPending}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={close}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item
          name="fromWorkerId"
          label={t('assignments.from')}
          rules={[{ required: true, message: t('login.required') }]}
        >
          <Select options={options} showSearch optionFilterProp="label" placeholder={t('assignments.pickWorker')} />
        </Form.Item>
        <Form.Item
          name="toWorkerId"
          label={t('assignments.to')}
          rules={[{ required: true, message: t('login.required') }]}
        >
          <Select options={options} showSearch optionFilterProp="label" placeholder={t('assignments.pickWorker')} />
        </Form.Item>
      </Form>
      {handOver.isError && (
        <Alert type="error" role="alert" message={problemReasonText(t, handOver.error, 'assignments')} />
      )}
    </Modal>
  );
}
