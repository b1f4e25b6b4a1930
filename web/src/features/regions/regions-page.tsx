import { type RegionLevel, regionLevels } from '@anju/domain/enums';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Checkbox,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Tree,
  TreeSelect,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemReasonText } from '../../shared/problem-reason.ts';
import { type Region, useChangeRegion, useCreateRegion, useCreateSite, useRegions, useRetireRegion } from './api.ts';
import { RegionImport } from './region-import.tsx';
import './regions.css';

const depth = (level: string) => (regionLevels as readonly string[]).indexOf(level);
/**
 * Levels a new region may have under `parent` (a root is a province or a city). A site (安置点)
 * hangs under any region but a province or city, and carries its own facts (安置方式, 城镇/农村).
 */
const levelsUnder = (parent: Region | null): RegionLevel[] =>
  parent
    ? regionLevels.filter(
        (level) => depth(level) > depth(parent.level) && (level !== 'site' || depth(parent.level) >= depth('county')),
      )
    : ['city', 'province'];

interface TreeNode {
  key: string;
  title: string;
  value: string;
  disabled?: boolean;
  children: TreeNode[];
}

/** Folds the flat list (root first) into antd's tree data. */
function toTree(items: Region[], label: (region: Region) => string): TreeNode[] {
  const nodes = new Map<string, TreeNode>();
  const roots: TreeNode[] = [];
  for (const region of items) {
    const node: TreeNode = { key: region.id, value: region.id, title: label(region), children: [] };
    nodes.set(region.id, node);
    const parent = region.parentId ? nodes.get(region.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

type Dialog =
  | { kind: 'create'; parent: Region | null }
  | { kind: 'rename'; region: Region }
  | { kind: 'move'; region: Region }
  | null;

/** A dialog's first values: the first level allowed under the parent, or the current name. */
const firstValues = (dialog: Dialog) =>
  dialog?.kind === 'create'
    ? { level: levelsUnder(dialog.parent)[0] }
    : dialog?.kind === 'rename'
      ? { name: dialog.region.name }
      : {};

/** 行政区划: the region tree; an admin adds, renames, moves and retires regions, or imports a table. */
export function RegionsPage() {
  const { t } = useTranslation();
  const [showRetired, setShowRetired] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [importing, setImporting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // Everything open until someone folds a branch; a new region's parent opens to show it.
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const regions = useRegions(showRetired);
  const create = useCreateRegion();
  const createSite = useCreateSite();
  const change = useChangeRegion();
  const retire = useRetireRegion();
  const [form] = Form.useForm();
  const chosenLevel = Form.useWatch('level', form);

  const items = regions.data?.items ?? [];
  const treeData = useMemo(
    () =>
      toTree(
        items,
        (region) =>
          `${region.name} · ${t(`regions.levels.${region.level}`)} · ${region.code}${region.retired ? ` · ${t('regions.retired')}` : ''}`,
      ),
    [items, t],
  );
  const selected = items.find((region) => region.id === selectedId) ?? null;
  const pending = create.isPending || createSite.isPending || change.isPending;
  const failure = create.error ?? createSite.error ?? change.error;

  const open = (next: Dialog) => {
    create.reset();
    createSite.reset();
    change.reset();
    // The one form instance outlives the dialog: with preserve={false} an unmounted field falls
    // back to the previous dialog's initial value, which then wins over the new one (a 添加下级
    // after 新建省或市 showed 层级 "city"). Writing the next dialog's values first puts them back.
    form.setFieldsValue(firstValues(next));
    setDialog(next);
  };
  const initialValues = firstValues(dialog);

  const submit = async () => {
    const values = await form.validateFields();
    if (!dialog) return;
    if (dialog.kind === 'create' && values.level === 'site' && dialog.parent) {
      const { code, name, kind, setting } = values;
      const made = await createSite.mutateAsync({ code, name, kind, setting, parentCode: dialog.parent.code });
      setSelectedId(made.id);
      setExpanded((keys) => (keys ? [...keys, dialog.parent?.id ?? ''] : keys));
    } else if (dialog.kind === 'create') {
      const made = await create.mutateAsync({ ...values, parentId: dialog.parent?.id ?? null });
      setSelectedId(made.id);
      if (dialog.parent) setExpanded((keys) => (keys ? [...keys, dialog.parent?.id ?? ''] : keys));
    } else if (dialog.kind === 'rename') {
      await change.mutateAsync({ id: dialog.region.id, json: { name: values.name } });
    } else {
      await change.mutateAsync({
        id: dialog.region.id,
        json: { parentId: values.parentId, ...(values.code ? { code: values.code } : {}) },
      });
    }
    setNotice(t('regions.saved'));
    setDialog(null);
  };

  const levelChoices = dialog?.kind === 'create' ? levelsUnder(dialog.parent) : [];

  return (
    <>
      <Typography.Title level={1}>{t('regions.title')}</Typography.Title>
      <Typography.Paragraph>{t('regions.intro')}</Typography.Paragraph>
      <div className="toolbar">
        <Button size="large" icon={<PlusOutlined />} onClick={() => open({ kind: 'create', parent: null })}>
          {t('regions.addRoot')}
        </Button>
        <Button
          size="large"
          icon={<UploadOutlined />}
          onClick={() => setImporting(!importing)}
          aria-expanded={importing}
        >
          {t('regions.import.title')}
        </Button>
        <Checkbox checked={showRetired} onChange={(e) => setShowRetired(e.target.checked)}>
          {t('regions.showRetired')}
        </Checkbox>
      </div>
      {importing && <RegionImport />}
      {notice && (
        <Alert type="success" message={notice} closable onClose={() => setNotice(null)} role="status" showIcon />
      )}
      {retire.isError && <Alert type="error" role="alert" message={problemReasonText(t, retire.error, 'regions')} />}
      {selected && (
        <section className="region-actions" aria-label={t('regions.selected', selected)}>
          <Typography.Text strong>{t('regions.selected', selected)}</Typography.Text>
          {!selected.retired && (
            <Space wrap>
              {selected.level !== 'site' && (
                <Button onClick={() => open({ kind: 'create', parent: selected })}>{t('regions.addChild')}</Button>
              )}
              <Button onClick={() => open({ kind: 'rename', region: selected })}>{t('regions.rename')}</Button>
              <Button onClick={() => open({ kind: 'move', region: selected })}>{t('regions.move')}</Button>
              <Popconfirm
                title={t('regions.confirmRetire', { name: selected.name })}
                okText={t('common.yes')}
                cancelText={t('common.no')}
                onConfirm={() =>
                  retire.mutate(selected.id, {
                    onSuccess: (result) => setNotice(t('regions.retiredCount', { count: result.retired })),
                  })
                }
              >
                <Button danger>{t('regions.retire')}</Button>
              </Popconfirm>
            </Space>
          )}
        </section>
      )}
      {regions.isSuccess && items.length === 0 && <Typography.Paragraph>{t('regions.none')}</Typography.Paragraph>}
      <Tree
        className="region-tree"
        treeData={treeData}
        expandedKeys={expanded ?? items.map((region) => region.id)}
        onExpand={(keys) => setExpanded(keys as string[])}
        selectedKeys={selectedId ? [selectedId] : []}
        onSelect={(keys) => {
          retire.reset();
          setSelectedId((keys[0] as string | undefined) ?? null);
        }}
      />
      <Modal
        open={dialog !== null}
        title={
          dialog?.kind === 'create'
            ? dialog.parent
              ? `${t('regions.addChild')} · ${dialog.parent.name}`
              : t('regions.addRoot')
            : dialog
              ? `${t(dialog.kind === 'rename' ? 'regions.rename' : 'regions.move')} · ${dialog.region.name}`
              : ''
        }
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={pending}
        onOk={() => void submit().catch(() => undefined)}
        onCancel={() => setDialog(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" requiredMark={false} initialValues={initialValues} preserve={false}>
          {dialog?.kind === 'create' && (
            <>
              <Form.Item name="level" label={t('regions.level')} rules={[{ required: true }]}>
                <Select
                  options={levelChoices.map((level) => ({ value: level, label: t(`regions.levels.${level}`) }))}
                />
              </Form.Item>
              <Form.Item
                name="code"
                label={t('regions.code')}
                extra={t(chosenLevel === 'site' ? 'regions.siteCodeHelp' : 'regions.codeHelp')}
                rules={[{ required: true, message: t('login.required') }]}
              >
                <Input inputMode="numeric" autoComplete="off" />
              </Form.Item>
              {chosenLevel === 'site' && (
                <>
                  <Form.Item
                    name="kind"
                    label={t('regions.siteKind')}
                    rules={[{ required: true, message: t('login.required') }]}
                  >
                    <Radio.Group
                      optionType="button"
                      options={(['concentrated', 'scattered'] as const).map((kind) => ({
                        value: kind,
                        label: t(`regions.siteKinds.${kind}`),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name="setting"
                    label={t('regions.siteSetting')}
                    rules={[{ required: true, message: t('login.required') }]}
                  >
                    <Radio.Group
                      optionType="button"
                      options={(['urban', 'rural'] as const).map((setting) => ({
                        value: setting,
                        label: t(`regions.siteSettings.${setting}`),
                      }))}
                    />
                  </Form.Item>
                </>
              )}
            </>
          )}
          {dialog?.kind !== 'move' && (
            <Form.Item name="name" label={t('regions.name')} rules={[{ required: true, message: t('login.required') }]}>
              <Input autoComplete="off" />
            </Form.Item>
          )}
          {dialog?.kind === 'move' && (
            <>
              <Form.Item
                name="parentId"
                label={t('regions.parent')}
                rules={[{ required: true, message: t('login.required') }]}
              >
                <TreeSelect treeData={treeData} showSearch treeNodeFilterProp="title" treeDefaultExpandAll />
              </Form.Item>
              <Form.Item name="code" label={t('regions.newCode')} extra={t('regions.codeHelp')}>
                <Input autoComplete="off" />
              </Form.Item>
            </>
          )}
          {failure && <Alert type="error" role="alert" message={problemReasonText(t, failure, 'regions')} />}
        </Form>
      </Modal>
    </>
  );
}
