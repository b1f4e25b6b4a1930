/** What the health part of the portal says in Simplified Chinese; English in the .en.ts beside this file, loaded only when chosen. */
export const healthZh = {
  title: '系统状态',
  ok: '正常',
  down: '故障',
  loading: '正在检查…',
  api: '服务',
  db: '数据库',
  search: '搜索',
};
