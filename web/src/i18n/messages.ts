/**
 * Every string the portal shows in Simplified Chinese, the language of every page unless English is
 * chosen. Each feature keeps its own strings in `features/<feature>/messages.ts` (English beside it
 * in `messages.en.ts`); this file holds the shell's own strings and composes the rest. The English
 * (messages.en.ts) is loaded only when chosen (i18n.ts `loadEnglish`): on a Chinese phone it was a
 * quarter of the entry's script (bench/results/portal-phone.md).
 */
import { accountsZh } from '../features/accounts/messages.ts';
import { assignmentsZh } from '../features/assignments/messages.ts';
import { auditZh } from '../features/audit-log/messages.ts';
import { loginZh } from '../features/auth/messages.ts';
import { errorsZh } from '../features/errors/messages.ts';
import { healthZh } from '../features/health/messages.ts';
import { homeZh } from '../features/home/messages.ts';
import { jobsZh } from '../features/jobs/messages.ts';
import { jobDetailZh } from '../features/matching/job-detail-messages.ts';
import { matchingZh } from '../features/matching/messages.ts';
import { notificationsZh } from '../features/notifications/messages.ts';
import { offlineZh } from '../features/offline/messages.ts';
import { opportunitiesZh } from '../features/opportunities/messages.ts';
import { programmesZh } from '../features/programmes/messages.ts';
import { regionsZh } from '../features/regions/messages.ts';
import { registryZh } from '../features/registry/messages.ts';
import { personWorkZh } from '../features/registry/person-work-messages.ts';
import { supportZh } from '../features/support/messages.ts';
import { trackingZh } from '../features/tracking/messages.ts';
import { workflowsZh } from '../features/workflows/messages.ts';

export const zh = {
  appName: '安居',
  appTagline: '易地扶贫搬迁后续扶持平台',
  health: healthZh,
  registry: registryZh,
  language: { switchTo: 'English' },
  common: {
    loading: '正在加载…',
    error: '出错了，请稍后再试',
    loadFailed: '没有加载出来，请检查网络后点“重试”',
    busy: '系统正忙，请稍等一下再点“重试”',
    retry: '重试',
    save: '保存',
    cancel: '取消',
    close: '关闭',
    back: '返回首页',
    comingSoon: '这个功能正在建设中，很快就能用。',
    yes: '是',
    no: '否',
    page: '第 {{page}} 页',
    total: '共 {{total}} 条',
  },
  /** A field's problem by the API's stable code (shared/field-problems.ts); features may say it their own way. */
  fieldProblems: {
    required: '这一项必须填写',
    'wrong-type': '这一项的格式不对',
    'too-small': '这一项太少或太短了',
    'too-big': '这一项太多或太长了',
    format: '这一项的格式不对，请对照示例再填',
    'not-allowed': '这一项只能从列表里选',
    'unknown-field': '系统不认识这一项，请刷新页面后再试',
    invalid: '这一项填得不对，请检查',
    taken: '已经有人用了，请换一个',
    'in-past': '日期不能早于今天',
    'in-future': '日期不能晚于今天',
    'range-inverted': '最小值不能大于最大值',
    'before-start': '结束日期不能早于开始日期',
    'unknown-skill': '有技能不在技能库里，请从列表里选',
    'not-a-site': '请从列表里选安置点',
    discriminatory: '不能限定性别或民族（“{{phrase}}”）',
    'credit-code-format': '统一社会信用代码应为 18 位数字或大写字母（不含 I、O、Z、S、V）',
    'credit-code-check': '统一社会信用代码不正确，请对照营业执照再核对一遍',
    'parent-self': '上级不能是它自己',
    'parent-unknown': '上级不存在，请从列表里选',
    'outside-scope': '超出了您负责的范围',
    'not-found': '找不到，请从列表里选',
    'read-only': '这一项不能修改',
    'weak-password': '密码太常见或太好猜（如 12345678、password），请换一个',
    'password-too-short': '密码至少要 {{min}} 位',
    'password-too-long': '密码太长了，最多 200 位',
    'password-personal': '密码里不能有姓名、用户名或手机号，请换一个',
    repeated: '有重复的项，每项只填一次',
    'same-worker': '接手的人不能是原来的工作者',
    'account-disabled': '这个账号已停用',
    'not-on-site': '有的户所在的安置点不归这位工作者负责',
    'same-as-other': '两项不能是同一个',
    'id-format': '身份证号应为 18 位：17 位数字加最后一位数字或 X',
    'id-region': '身份证号前 6 位地区码不对',
    'id-birth-invalid': '身份证号里的出生日期不对',
    'id-birth-future': '身份证号里的出生日期不能晚于今天',
    'id-check-digit': '身份证号校验位不对，请核对',
    'unreadable-file': '文件读不出来，请另存为 Excel（.xlsx）或 CSV 后再传',
  },
  roles: {
    resident: '搬迁群众',
    helper: '帮扶干部',
    employer: '用工单位',
    worker: '社区工作者',
    official: '主管部门',
    admin: '系统管理员',
  },
  nav: {
    sites: '安置点',
    rosterImport: '导入花名册',
    label: '主要功能',
    home: '首页',
    jobs: '找工作',
    training: '学技能',
    applications: '我的申请',
    myResidents: '帮扶对象',
    postings: '我的岗位',
    candidates: '候选人',
    roster: '住户名册',
    worklist: '工作清单',
    today: '今日走访',
    visits: '走访',
    residentAccounts: '住户账号',
    dashboard: '数据看板',
    auditLog: '审计日志',
    scheduledJobs: '计划任务',
    accounts: '账号管理',
    skills: '技能库',
    projects: '产业项目',
    alerts: '我的提醒',
    employerReview: '单位认证',
    duplicates: '疑似重复',
    importHistory: '导入记录',
  },
  shell: {
    signedInAs: '{{name}}（{{role}}）',
    logout: '退出登录',
    skipToContent: '跳到正文',
    more: '更多',
    backOnline: '回到首页',
  },
  login: loginZh,
  home: homeZh,
  errors: errorsZh,
  accounts: accountsZh,
  jobs: jobsZh,
  audit: auditZh,
  opportunities: opportunitiesZh,
  tracking: trackingZh,
  offline: offlineZh,
  matching: matchingZh,
  regions: regionsZh,
  assignments: assignmentsZh,
  jobDetail: jobDetailZh,
  personWork: personWorkZh,
  notifications: notificationsZh,
  support: supportZh,
  workflows: workflowsZh,
  programmes: programmesZh,
};

export type Messages = typeof zh;
