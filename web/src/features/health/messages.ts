/** What the health part of the portal says: Simplified Chinese first, English second. */
export const healthZh = {
  title: '系统状态',
  ok: '正常',
  down: '故障',
  loading: '正在检查…',
  api: '服务',
  db: '数据库',
  search: '搜索',
};

export const healthEn: typeof healthZh = {
  title: 'System status',
  ok: 'OK',
  down: 'Down',
  loading: 'Checking…',
  api: 'API',
  db: 'Database',
  search: 'Search',
};
