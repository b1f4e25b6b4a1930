/**
 * Every string the portal shows; Simplified Chinese first, English second.
 * Each feature keeps its own strings in `features/<feature>/messages.ts`; this file holds the
 * shell's own strings and composes the rest.
 */
import { accountsEn, accountsZh } from '../features/accounts/messages.ts';
import { assignmentsEn, assignmentsZh } from '../features/assignments/messages.ts';
import { auditEn, auditZh } from '../features/audit-log/messages.ts';
import { loginEn, loginZh } from '../features/auth/messages.ts';
import { errorsEn, errorsZh } from '../features/errors/messages.ts';
import { healthEn, healthZh } from '../features/health/messages.ts';
import { homeEn, homeZh } from '../features/home/messages.ts';
import { jobsEn, jobsZh } from '../features/jobs/messages.ts';
import { jobDetailEn, jobDetailZh } from '../features/matching/job-detail-messages.ts';
import { matchingEn, matchingZh } from '../features/matching/messages.ts';
import { notificationsEn, notificationsZh } from '../features/notifications/messages.ts';
import { offlineEn, offlineZh } from '../features/offline/messages.ts';
import { opportunitiesEn, opportunitiesZh } from '../features/opportunities/messages.ts';
import { regionsEn, regionsZh } from '../features/regions/messages.ts';
import { registryEn, registryZh } from '../features/registry/messages.ts';
import { personWorkEn, personWorkZh } from '../features/registry/person-work-messages.ts';
import { supportEn, supportZh } from '../features/support/messages.ts';
import { trackingEn, trackingZh } from '../features/tracking/messages.ts';

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
};

export type Messages = typeof zh;

export const en: Messages = {
  appName: 'Anju',
  appTagline: 'Follow-up support for relocated households',
  health: healthEn,
  registry: registryEn,
  language: { switchTo: '中文' },
  common: {
    loading: 'Loading…',
    error: 'Something went wrong; please try again later',
    loadFailed: 'Could not load this; check the connection and press “Try again”',
    busy: 'The system is busy; wait a moment and press “Try again”',
    retry: 'Try again',
    save: 'Save',
    cancel: 'Cancel',
    close: 'Close',
    back: 'Back to home',
    comingSoon: 'This part is being built and will be ready soon.',
    yes: 'Yes',
    no: 'No',
    page: 'Page {{page}}',
    total: '{{total}} in all',
  },
  roles: {
    resident: 'Resident',
    helper: 'Helper',
    employer: 'Employer',
    worker: 'Community worker',
    official: 'Official',
    admin: 'Administrator',
  },
  nav: {
    sites: 'Sites',
    rosterImport: 'Import roster',
    label: 'Main menu',
    home: 'Home',
    jobs: 'Find work',
    training: 'Learn skills',
    applications: 'My applications',
    myResidents: 'People I help',
    postings: 'My positions',
    candidates: 'Candidates',
    roster: 'Household roster',
    worklist: 'Worklist',
    today: "Today's visits",
    visits: 'Home visits',
    residentAccounts: 'Resident accounts',
    dashboard: 'Dashboard',
    auditLog: 'Audit log',
    scheduledJobs: 'Scheduled jobs',
    accounts: 'Accounts',
    skills: 'Skills',
    projects: 'Industry projects',
    alerts: 'My alerts',
    employerReview: 'Employer verification',
    duplicates: 'Possible duplicates',
    importHistory: 'Import history',
  },
  shell: {
    signedInAs: '{{name}} ({{role}})',
    logout: 'Sign out',
    skipToContent: 'Skip to content',
    more: 'More',
  },
  login: loginEn,
  home: homeEn,
  errors: errorsEn,
  accounts: accountsEn,
  jobs: jobsEn,
  audit: auditEn,
  opportunities: opportunitiesEn,
  tracking: trackingEn,
  offline: offlineEn,
  matching: matchingEn,
  regions: regionsEn,
  assignments: assignmentsEn,
  jobDetail: jobDetailEn,
  personWork: personWorkEn,
  notifications: notificationsEn,
  support: supportEn,
};
