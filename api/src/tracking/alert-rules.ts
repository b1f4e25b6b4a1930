/**
 * The early-warning rules (预警规则), in one configurable object. Each rule names its
 * thresholds, how many days the responsible worker has to act, and how it explains itself in
 * plain Chinese and English with the numbers that made it fire.
 */
export const alertRules = {
  /** 人均纯收入低于监测线或高出不到 10% */
  income_below_or_near_line: {
    enabled: true,
    nearShare: 0.1,
    deadlineDays: 14,
  },
  /** 收入比去年同期下降超过 30% (the last `windowMonths` months against the same months a year ago) */
  income_drop: {
    enabled: true,
    dropShare: 0.3,
    windowMonths: 3,
    deadlineDays: 14,
  },
  /** 零就业家庭: someone can work, no one is in work (target: 动态清零) */
  zero_employment: {
    enabled: true,
    deadlineDays: 30,
  },
  /** 低于监测线但未纳入低保 (a pending application does not fire: it is being handled) */
  below_line_without_dibao: {
    enabled: true,
    deadlineDays: 14,
  },
  /** 低保复核将到期 */
  dibao_review_due: {
    enabled: true,
    withinDays: 30,
    deadlineDays: 14,
  },
  /** 走访逾期 (due date from the visit schedule and the last visit) */
  visit_overdue: {
    enabled: true,
    deadlineDays: 7,
  },
  /** 社区融入得分下降 (total of the five dimensions, latest assessment against the one before) */
  integration_drop: {
    enabled: true,
    minTotalDrop: 2,
    deadlineDays: 30,
  },
  /** 三保障/饮水安全未达标: the latest check of a dimension failed (closes when a later check passes) */
  guarantee_failed: {
    enabled: true,
    deadlineDays: 30,
  },
} as const;

/** 义务教育, 基本医疗, 住房安全, 饮水安全 as the alert's sentence names them. */
const guaranteeWords: Record<string, [string, string]> = {
  compulsory_education: ['义务教育', 'compulsory education'],
  basic_medical: ['基本医疗', 'basic medical cover'],
  housing_safety: ['住房安全', 'safe housing'],
  drinking_water: ['饮水安全', 'safe drinking water'],
};

/**
 * An alert closes when its condition ends (the evaluation resolves it; a worker's 解决 only
 * re-checks the condition and keeps the measure taken, `alerts.routes.ts`). A worker may still
 * dismiss a false alarm (with a reason; never a 走访逾期, which only a visit ends): while the same
 * condition still holds, the same rule does not open a new alert for the household for this many
 * days, so the next write or the nightly run does not undo the decision. After that, a condition
 * that still holds opens a new alert. An alert the system resolved itself sets no quiet period.
 */
export const quietDaysAfterClose = 30;

export type AlertRuleId = keyof typeof alertRules;
export const alertRuleIds = Object.keys(alertRules) as AlertRuleId[];

type Facts = Record<string, number | string | null>;

const yuan = (value: unknown) => (value === null || value === undefined ? '—' : Math.round(Number(value)).toString());
const pct = (value: unknown) => `${Math.round(Number(value) * 100)}%`;

/** The sentence an alert shows, built from the facts stored with it. */
export function explainAlert(ruleId: AlertRuleId, facts: Facts): { zh: string; en: string } {
  switch (ruleId) {
    case 'income_below_or_near_line': {
      const below = Number(facts.perCapita) < Number(facts.line);
      const estimate = Number(facts.monthsWithData) < 12 ? `（按${facts.monthsWithData}个月折算）` : '';
      const estimateEn = Number(facts.monthsWithData) < 12 ? ` (annualised from ${facts.monthsWithData} months)` : '';
      return below
        ? {
            zh: `近12个月人均纯收入${yuan(facts.perCapita)}元${estimate}，低于监测线${yuan(facts.line)}元。`,
            en: `Per-capita net income over the last 12 months is ${yuan(facts.perCapita)} yuan${estimateEn}, below the monitoring line of ${yuan(facts.line)} yuan.`,
          }
        : {
            zh: `近12个月人均纯收入${yuan(facts.perCapita)}元${estimate}，仅高出监测线${yuan(facts.line)}元不到${pct(alertRules.income_below_or_near_line.nearShare)}。`,
            en: `Per-capita net income over the last 12 months is ${yuan(facts.perCapita)} yuan${estimateEn}, less than ${pct(alertRules.income_below_or_near_line.nearShare)} above the monitoring line of ${yuan(facts.line)} yuan.`,
          };
    }
    case 'income_drop':
      return {
        zh: `最近${facts.months}个月家庭纯收入${yuan(facts.current)}元，去年同期${yuan(facts.previous)}元，下降${pct(facts.dropShare)}（超过${pct(alertRules.income_drop.dropShare)}）。`,
        en: `Household net income in the last ${facts.months} months was ${yuan(facts.current)} yuan against ${yuan(facts.previous)} yuan in the same months a year ago: down ${pct(facts.dropShare)} (more than ${pct(alertRules.income_drop.dropShare)}).`,
      };
    case 'zero_employment':
      return {
        zh: `家中有${facts.ableToWork}人有劳动能力，但无人就业（零就业家庭）。`,
        en: `${facts.ableToWork} member(s) can work but no one in the household is employed (zero-employment household).`,
      };
    case 'below_line_without_dibao':
      return {
        zh: `人均纯收入${yuan(facts.perCapita)}元低于监测线${yuan(facts.line)}元，但未纳入低保（当前状态：${facts.dibaoState ?? '未申请'}）。`,
        en: `Per-capita net income of ${yuan(facts.perCapita)} yuan is below the monitoring line of ${yuan(facts.line)} yuan, but the household is not enrolled in dibao (state: ${facts.dibaoState ?? 'not applied'}).`,
      };
    case 'dibao_review_due':
      return {
        zh: `低保有效期至${facts.validUntil ?? '—'}，需在${alertRules.dibao_review_due.withinDays}天内复核（当前状态：${facts.dibaoState}）。`,
        en: `Dibao is valid until ${facts.validUntil ?? '—'}; the review is due within ${alertRules.dibao_review_due.withinDays} days (state: ${facts.dibaoState}).`,
      };
    case 'visit_overdue':
      return {
        zh: `应于${facts.dueOn}前走访，已逾期${facts.daysOverdue}天（上次走访：${facts.lastVisitOn ?? '无'}，周期${facts.intervalDays}天）。`,
        en: `A visit was due by ${facts.dueOn}; it is ${facts.daysOverdue} days overdue (last visit: ${facts.lastVisitOn ?? 'none'}, every ${facts.intervalDays} days).`,
      };
    case 'integration_drop':
      return {
        zh: `社区融入总分从${facts.previousTotal}分降到${facts.latestTotal}分（满分25，${facts.previousOn} → ${facts.latestOn}）。`,
        en: `The community integration score fell from ${facts.previousTotal} to ${facts.latestTotal} of 25 (${facts.previousOn} → ${facts.latestOn}).`,
      };
    case 'guarantee_failed': {
      const dimensions = String(facts.dimensions ?? '').split(',');
      const words = (lang: 0 | 1) => dimensions.map((d) => guaranteeWords[d]?.[lang] ?? d);
      return {
        zh: `三保障和饮水安全核查未达标：${words(0).join('、')}（最近核查：${facts.checkedOn}）。`,
        en: `The latest check of ${words(1).join(', ')} failed (checked on ${facts.checkedOn}).`,
      };
    }
  }
}
