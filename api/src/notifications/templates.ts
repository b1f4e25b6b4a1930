/**
 * Every message Anju sends, in Chinese (what is stored and texted) and English, with its params.
 * A template names its category (what a user may opt out of, 消息设置) and whether it also goes
 * by SMS (短信) when the user allows it. Params are plain strings and numbers, stored with the
 * inbox row so the portal can show the message in either language.
 */
export type NotificationParams = Record<string, string | number>;

/** What a user may mute. `security` (login codes) cannot be muted. */
export const notificationCategories = ['applications', 'matches', 'work', 'escalations', 'security'] as const;
export type NotificationCategory = (typeof notificationCategories)[number];
export const mutableCategories: NotificationCategory[] = ['applications', 'matches', 'work', 'escalations'];

interface Rendered {
  title: string;
  body: string;
}

interface Template {
  category: NotificationCategory;
  /** Also sent by SMS (unless the user switched SMS off or the caller asked for the inbox only). */
  sms: boolean;
  zh: (p: NotificationParams) => Rendered;
  en: (p: NotificationParams) => Rendered;
}

const nounZh: Record<string, string> = { job: '岗位', training: '培训', project: '产业项目' };
const nounEn: Record<string, string> = { job: 'job', training: 'training course', project: 'industry project' };
const stateZh: Record<string, string> = {
  applied: '已申请',
  viewed: '已查看',
  interview: '约面试',
  hired: '已录用',
  rejected: '未录用',
  withdrawn: '已撤回',
  enrolled: '已报名',
  attending: '上课中',
  completed: '已结业',
  dropped: '已退出',
};
const stateEn: Record<string, string> = {
  applied: 'applied',
  viewed: 'viewed',
  interview: 'interview arranged',
  hired: 'hired',
  rejected: 'not successful',
  withdrawn: 'withdrawn',
  enrolled: 'enrolled',
  attending: 'attending',
  completed: 'completed',
  dropped: 'dropped out',
};
const word = (words: Record<string, string>, key: string | number | undefined) =>
  words[String(key)] ?? String(key ?? '');

/** A work digest names workflow steps only when some are overdue or due soon. */
const hasStepsDue = (p: NotificationParams) => Number(p.overdueSteps ?? 0) + Number(p.dueSteps ?? 0) > 0;

export const templates = {
  /** 新申请: to the accounts that manage the posting. Params: title, kind, personName. */
  'application-new': {
    category: 'applications',
    sms: false,
    zh: (p) => ({
      title: `新的申请：${p.title}`,
      body: `${p.personName}申请了您发布的${word(nounZh, p.kind)}“${p.title}”`,
    }),
    en: (p) => ({
      title: `New application: ${p.title}`,
      body: `${p.personName} applied to your ${word(nounEn, p.kind)} “${p.title}”`,
    }),
  },
  /** 申请进度: to the resident. Params: title, kind, state. */
  'application-moved': {
    category: 'applications',
    sms: true,
    zh: (p) => ({
      title: `申请进度：${p.title}`,
      body: `您申请的${word(nounZh, p.kind)}“${p.title}”：${word(stateZh, p.state)}`,
    }),
    en: (p) => ({
      title: `Application update: ${p.title}`,
      body: `Your application to the ${word(nounEn, p.kind)} “${p.title}”: ${word(stateEn, p.state)}`,
    }),
  },
  /** 订阅提醒: a new posting matches a saved search. Params: kind (job/training/project), title, searchName. */
  'saved-search-match': {
    category: 'matches',
    sms: false,
    zh: (p) => ({ title: `新${word(nounZh, p.kind)}：${p.title}`, body: `符合您订阅的“${p.searchName}”` }),
    en: (p) => ({
      title: `New ${word(nounEn, p.kind)}: ${p.title}`,
      body: `Matches your saved search “${p.searchName}”`,
    }),
  },
  /** 订阅提醒日报: yesterday's matches in one text. Params: total, jobs, trainings, projects. */
  'saved-search-digest': {
    category: 'matches',
    sms: true,
    zh: (p) => ({
      title: `订阅提醒：昨天以来有 ${p.total} 条新信息`,
      body: `符合您订阅的有 ${[
        [p.jobs, '个岗位'],
        [p.trainings, '个培训'],
        [p.projects, '个产业项目'],
      ]
        .filter(([n]) => Number(n) > 0)
        .map(([n, noun]) => `${n} ${noun}`)
        .join('、')}`,
    }),
    en: (p) => ({
      title: `Saved searches: ${p.total} new since yesterday`,
      body: `${p.jobs} jobs, ${p.trainings} courses and ${p.projects} projects match your saved searches`,
    }),
  },
  /** 工作提醒: a worker's daily digest of visits, alerts and workflow steps due. Params: overdueVisits, dueVisits, openAlerts, overdueSteps, dueSteps. */
  'work-digest': {
    category: 'work',
    sms: true,
    zh: (p) => ({
      title: `今日工作：${Number(p.overdueVisits) + Number(p.dueVisits)} 户待走访，${p.openAlerts} 条预警`,
      body: `逾期走访 ${p.overdueVisits} 户，7 天内到期 ${p.dueVisits} 户，未处理预警 ${p.openAlerts} 条${
        hasStepsDue(p) ? `；待办流程逾期 ${p.overdueSteps ?? 0} 步，3 天内到期 ${p.dueSteps ?? 0} 步` : ''
      }`,
    }),
    en: (p) => ({
      title: `Today: ${Number(p.overdueVisits) + Number(p.dueVisits)} visits due, ${p.openAlerts} alerts`,
      body: `${p.overdueVisits} visits overdue, ${p.dueVisits} due within 7 days, ${p.openAlerts} open alerts${
        hasStepsDue(p) ? `; workflow steps: ${p.overdueSteps ?? 0} overdue, ${p.dueSteps ?? 0} due within 3 days` : ''
      }`,
    }),
  },
  /** 上报督办: something needs an official. Params: subject, detail (and subjectEn, detailEn for the en locale). */
  escalation: {
    category: 'escalations',
    sms: true,
    zh: (p) => ({ title: `督办提醒：${p.subject}`, body: String(p.detail) }),
    en: (p) => ({ title: `Escalated: ${p.subjectEn ?? p.subject}`, body: String(p.detailEn ?? p.detail) }),
  },
  /** 登录验证码. Params: code. */
  'login-code': {
    category: 'security',
    sms: true,
    zh: (p) => ({ title: '登录验证码', body: `您的验证码是 ${p.code}，10 分钟内有效，请勿告诉他人` }),
    en: (p) => ({ title: 'Sign-in code', body: `Your code is ${p.code}, valid for 10 minutes. Do not share it.` }),
  },
} satisfies Record<string, Template>;

export type TemplateName = keyof typeof templates;

export const isTemplateName = (name: string | null): name is TemplateName =>
  name !== null && Object.hasOwn(templates, name);

export function render(template: TemplateName, params: NotificationParams, locale: 'zh' | 'en' = 'zh'): Rendered {
  return (templates[template] as Template)[locale](params);
}

/** The text of an SMS: the sign (【安居】), the title and the body, one line. */
export function smsText(template: TemplateName, params: NotificationParams): string {
  const { title, body } = render(template, params);
  return `【安居】${title}：${body}`;
}
