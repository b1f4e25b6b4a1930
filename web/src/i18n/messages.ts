/** Every string the portal shows; Simplified Chinese first, English second. */
export const zh = {
  appName: '安居',
  appTagline: '易地扶贫搬迁后续扶持平台',
  health: {
    title: '系统状态',
    ok: '正常',
    down: '故障',
    loading: '正在检查…',
    api: '服务',
    db: '数据库',
    search: '搜索',
  },
  language: { switchTo: 'English' },
};

export type Messages = typeof zh;

export const en: Messages = {
  appName: 'Anju',
  appTagline: 'Follow-up support for relocated households',
  health: {
    title: 'System status',
    ok: 'OK',
    down: 'Down',
    loading: 'Checking…',
    api: 'API',
    db: 'Database',
    search: 'Search',
  },
  language: { switchTo: '中文' },
};
