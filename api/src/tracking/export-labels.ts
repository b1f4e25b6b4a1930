import type { Context } from 'hono';
import type { AppEnv } from '../http/env.ts';

/**
 * The one translation map for what leaves the API in a file (xlsx exports): every enum value,
 * sheet name and column header, in Chinese and English. A workbook is in Chinese unless the
 * request asks for English (`?lang=en`, else an Accept-Language that prefers en).
 */
export type ExportLang = 'zh' | 'en';

type Words = Record<string, readonly [zh: string, en: string]>;

const enums = {
  monitoringCategory: {
    none: ['一般户', 'Not monitored'],
    unstable: ['脱贫不稳定户', 'Unstable'],
    marginal: ['边缘易致贫户', 'Marginal'],
    sudden_hardship: ['突发严重困难户', 'Sudden hardship'],
  },
  dibaoState: {
    not_applied: ['未申请', 'Not applied'],
    applied: ['已申请', 'Applied'],
    under_review: ['审核中', 'Under review'],
    enrolled: ['已纳入', 'Enrolled'],
    refused: ['未通过', 'Refused'],
    review_due: ['待复核', 'Review due'],
    renewed: ['已续保', 'Renewed'],
    exited: ['已退出', 'Exited'],
  },
  relation: {
    head: ['户主', 'Head'],
    spouse: ['配偶', 'Spouse'],
    child: ['子女', 'Child'],
    child_in_law: ['儿媳/女婿', 'Child-in-law'],
    parent: ['父母', 'Parent'],
    grandparent: ['祖父母', 'Grandparent'],
    grandchild: ['孙子女', 'Grandchild'],
    sibling: ['兄弟姐妹', 'Sibling'],
    other: ['其他', 'Other'],
  },
  laborCapacity: {
    full: ['有劳动能力', 'Full'],
    weak: ['弱劳动力', 'Weak'],
    none: ['无劳动能力', 'None'],
    unknown: ['未登记', 'Not recorded'],
  },
  employmentStatus: {
    employed_local: ['本地务工', 'Working locally'],
    labour_export: ['外出务工', 'Working away'],
    flexible: ['灵活就业', 'Flexible work'],
    public_welfare: ['公益性岗位', 'Public-welfare post'],
    self_employed: ['自主创业', 'Self-employed'],
    unemployed_seeking: ['未就业，想找工作', 'Looking for work'],
    not_seeking: ['暂不就业', 'Not looking'],
  },
  ruleId: {
    income_below_or_near_line: ['收入低于或接近监测线', 'Income below or near the line'],
    income_drop: ['收入大幅下降', 'Income fell sharply'],
    zero_employment: ['零就业家庭', 'No one employed'],
    below_line_without_dibao: ['线下未纳入低保', 'Below the line, no dibao'],
    dibao_review_due: ['低保待复核', 'Dibao review due'],
    visit_overdue: ['走访逾期', 'Visit overdue'],
    integration_drop: ['融入得分下降', 'Integration score dropped'],
    guarantee_failed: ['三保障/饮水未达标', 'Guarantee check failed'],
  },
  alertState: {
    open: ['待处理', 'Open'],
    acknowledged: ['处理中', 'In hand'],
    resolved: ['已解决', 'Resolved'],
    dismissed: ['不需处理', 'Dismissed'],
  },
  measure: {
    job_referral: ['推荐就业', 'Job referral'],
    training_referral: ['推荐培训', 'Training referral'],
    dibao_application: ['申请低保', 'Dibao application'],
    public_welfare_post: ['公益性岗位', 'Public-welfare post'],
    medical_aid: ['医疗救助', 'Medical aid'],
    education_aid: ['教育资助', 'Education aid'],
    other: ['其他', 'Other'],
  },
  workshopStatus: {
    pending: ['待认定', 'Pending'],
    recognised: ['已认定', 'Recognised'],
    revoked: ['已撤销', 'Revoked'],
  },
  subsidyState: {
    qualified: ['符合条件', 'Qualified'],
    applied: ['已申请', 'Applied'],
    approved: ['已审批', 'Approved'],
    paid: ['已发放', 'Paid'],
  },
  regionLevel: {
    province: ['省', 'Province'],
    city: ['市', 'City'],
    county: ['县', 'County'],
    township: ['乡镇', 'Township'],
    village: ['村/社区', 'Village/community'],
    grid: ['网格', 'Grid'],
    site: ['安置点', 'Site'],
  },
} satisfies Record<string, Words>;

export type ExportEnum = keyof typeof enums;

const words = {
  // Sheet names
  households: ['花名册', 'Households'],
  employment: ['就业台账', 'Employment'],
  alerts: ['预警台账', 'Alerts'],
  overview: ['概况', 'Overview'],
  trend: ['月度趋势', 'Monthly trend'],
  children: ['下级区域', 'Sub-regions'],
  workers: ['责任人', 'Responsible workers'],
  alertKinds: ['预警类别', 'Alerts by kind'],
  // Column headers
  householdNumber: ['户编号', 'Household'],
  site: ['安置点', 'Site'],
  members: ['人口', 'Members'],
  able: ['劳动力', 'Able to work'],
  employed: ['就业', 'Employed'],
  perCapita: ['人均纯收入', 'Per-capita income'],
  annualised: ['折算', 'Annualised from'],
  line: ['监测线', 'Line'],
  dibao: ['低保', 'Dibao'],
  responsible: ['帮扶责任人', 'Responsible'],
  lastVisit: ['上次走访', 'Last visit'],
  name: ['姓名', 'Name'],
  relation: ['与户主关系', 'Relation to head'],
  laborCapacity: ['劳动能力', 'Labour capacity'],
  employmentStatus: ['就业状态', 'Employment'],
  since: ['起始', 'Since'],
  rule: ['预警类别', 'Kind'],
  state: ['状态', 'State'],
  explanation: ['说明', 'Explanation'],
  deadline: ['期限', 'Deadline'],
  opened: ['产生', 'Opened'],
  measure: ['措施', 'Measure'],
  note: ['备注', 'Note'],
  escalated: ['上报', 'Escalated'],
  category: ['监测类别', 'Monitoring category'],
  region: ['区域', 'Region'],
  level: ['层级', 'Level'],
  figure: ['指标', 'Figure'],
  month: ['月份', 'Month'],
  range: ['期间', 'Months'],
  households_n: ['户数', 'Households'],
  employmentRate: ['就业率', 'Employment rate'],
  zeroEmployment: ['零就业家庭', 'Zero-employment households'],
  zeroEmploymentUnverified: ['零就业家庭（待核实劳动能力）', 'Zero-employment households (labour capacity to verify)'],
  medianIncome: ['人均纯收入中位数（近12个月）', 'Median per-capita net income (last 12 months)'],
  rolling12: ['近12个月滚动人均纯收入中位数', 'Median rolling 12-month per-capita income'],
  shareBelowLine: ['低于监测线比例', 'Share below the line'],
  householdsBelowLine: ['线下户数', 'Households below the line'],
  dibaoCoverage: ['低保覆盖（线下户）', 'Dibao coverage of those below'],
  dibaoEnrolled: ['低保在保户数', 'Households in dibao'],
  overdueVisits: ['逾期走访', 'Overdue visits'],
  openAlerts: ['待办预警', 'Open alerts'],
  overdueAlerts: ['逾期预警', 'Overdue alerts'],
  nobody: ['未指定', 'not assigned'],
  // 就业帮扶项目 (issue 21)
  programmes: ['就业帮扶项目', 'Employment programmes'],
  labourExportOut: ['劳务输出在外人数', 'People out on labour export'],
  retention3FollowedUp: ['3个月稳岗回访人数', 'Followed up at 3 months'],
  retention3: ['3个月稳岗率', 'Still working at 3 months'],
  retention6FollowedUp: ['6个月稳岗回访人数', 'Followed up at 6 months'],
  retention6: ['6个月稳岗率', 'Still working at 6 months'],
  welfarePostHolders: ['公益性岗位在岗人数', 'Public-welfare post holders'],
  workshopEmployed: ['帮扶车间吸纳搬迁群众（末月）', 'Workshop employment (last month)'],
  subsidiesPaidEntries: ['本年已发放补贴笔数', 'Subsidies paid this year (entries)'],
  subsidiesPaidYuan: ['本年已发放补贴金额（元）', 'Subsidies paid this year (yuan)'],
  retentionByEmployer: ['稳岗（按用工单位）', 'Retention by employer'],
  retentionByDestination: ['稳岗（按输出地区）', 'Retention by destination'],
  destination: ['去向', 'Destination'],
  retention1FollowedUp: ['1个月稳岗回访人数', 'Followed up at 1 month'],
  retention1: ['1个月稳岗率', 'Still working at 1 month'],
  welfarePosts: ['公益性岗位', 'Public-welfare posts'],
  post: ['岗位', 'Post'],
  quota: ['名额', 'Quota'],
  filled: ['在岗人数', 'Holders'],
  workshops: ['帮扶车间', 'Workshops'],
  workshop: ['车间', 'Workshop'],
  status: ['状态', 'Status'],
  relocatedEmployed: ['吸纳搬迁群众（末月）', 'Relocated people employed (last month)'],
  payYuan: ['发放工资（元）', 'Pay (yuan)'],
  subsidies: ['补贴台账', 'Subsidies'],
  year: ['年度', 'Year'],
  entries: ['笔数', 'Entries'],
  amountYuan: ['金额（元）', 'Amount (yuan)'],
} satisfies Words;

export type ExportWord = keyof typeof words;

/** The language of an export: `?lang=`, else the first language the Accept-Language names. */
export function exportLang(c: Context<AppEnv>, lang: ExportLang | undefined): ExportLang {
  if (lang) return lang;
  const first = (c.req.header('accept-language') ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}

const pick = (pair: readonly [string, string], lang: ExportLang) => (lang === 'en' ? pair[1] : pair[0]);

/** A word of the exports (sheet name, header) in the language. */
export const exportWord = (word: ExportWord, lang: ExportLang) => pick(words[word], lang);

/** An exported enum value in the language; null stays null, an unknown value stays as it is. */
export function exportValue(kind: ExportEnum, value: unknown, lang: ExportLang): unknown {
  if (value === null || value === undefined) return null;
  const pair = (enums[kind] as Words)[String(value)];
  return pair ? pick(pair, lang) : value;
}

/** Rows with the named columns' enum values translated. */
export function translateRows<T extends Record<string, unknown>>(
  rows: T[],
  columns: Partial<Record<keyof T & string, ExportEnum>>,
  lang: ExportLang,
): T[] {
  const entries = Object.entries(columns) as [keyof T & string, ExportEnum][];
  return rows.map((row) => {
    const out: Record<string, unknown> = { ...row };
    for (const [key, kind] of entries) out[key] = exportValue(kind, row[key], lang);
    return out as T;
  });
}
