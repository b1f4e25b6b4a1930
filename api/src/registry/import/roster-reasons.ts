/**
 * Why a roster row (or the file) is refused: a stable code, worded in plain Chinese for the
 * worker (`reason`) and in English for the en locale (`reasonEn`).
 */
type Params = Record<string, string | number>;

const texts = {
  // 监测类型 changes only through a workflow (监测识别 / 风险消除), never by a roster.
  'category-needs-workflow': [
    '监测类型不能通过导入修改（现为“{stored}”，表中为“{value}”），已保持不变；请在户页面发起“监测识别”或“风险消除”流程',
    'the monitoring category cannot change by import (stored “{stored}”, file “{value}”); left unchanged: start an identification or elimination workflow',
  ],
  'new-household-category': [
    '新户导入时监测类型一律为“无”（表中为“{value}”）；纳入监测请在户页面发起“监测识别”流程',
    'a new household enters with no monitoring category (file “{value}”); start an identification workflow to monitor it',
  ],
  'no-header': ['没有找到表头：表中应有 户编号、姓名、身份证号 等列', 'no header row found (户编号, 姓名, 身份证号 …)'],
  'column-missing': ['缺少这一列（必填）', 'required column is missing'],
  blank: ['必填，不能为空', 'required value is blank'],
  'unknown-value': ['看不懂“{value}”，可填：{choices}', 'unknown value “{value}”; use one of: {choices}'],
  'id-digits-lost': [
    '身份证号被存成了数字，Excel 已丢掉最后几位（精度丢失）；请把这一列设为“文本”后重新录入',
    'ID number stored as a number, so Excel lost its last digits; format the column as text and enter it again',
  ],
  'id-format': [
    '身份证号应为18位：17位数字加最后一位数字或X',
    'ID number must be 18 characters: 17 digits and a digit or X',
  ],
  'id-region': ['身份证号前6位（地区码）不对', 'ID number: the region code (first 6 digits) is not valid'],
  'id-birth-invalid': ['身份证号里的出生日期不是真实日期', 'ID number: the birth date in it is not a real date'],
  'id-birth-future': ['身份证号里的出生日期在今天之后', 'ID number: the birth date in it is in the future'],
  'id-check-digit': ['身份证号最后一位（校验位）不对，请核对是否抄错', 'ID number: the check digit is wrong'],
  'sex-mismatch': ['性别与身份证号不符', 'sex does not match the ID number'],
  'birth-mismatch': ['出生日期与身份证号里的（{date}）不符', 'birth date does not match the ID number ({date})'],
  'not-a-date': ['不是日期：“{value}”', 'not a date: “{value}”'],
  'date-future': ['日期在今天之后', 'the date is in the future'],
  'not-a-phone': ['不是电话号码：“{value}”', 'not a phone number: “{value}”'],
  'not-a-number': ['不是数字：“{value}”', 'not a number: “{value}”'],
  'duplicate-id': ['身份证号重复：与第{row}行相同', 'duplicate ID number: the same as row {row}'],
  'household-two-sites': [
    '户{household}在第{row}行填的是另一个安置点（{site}）',
    'household {household} is at site {site} in row {row}',
  ],
  'second-head': [
    '户{household}有两个户主（另一个在第{row}行）',
    'a second head of household {household} (the first is in row {row})',
  ],
  'no-head': ['户{household}没有户主：每户须有一行“与户主关系”为户主', 'household {household} has no head'],
  'too-old': ['年龄超过120岁，请核对出生日期', 'older than 120: check the birth date'],
  'head-too-young': ['户主须年满16岁', 'a head of household must be at least 16'],
  'spouse-too-young': ['配偶须年满16岁', 'a spouse must be at least 16'],
  'child-not-younger': [
    '子女应比户主至少小12岁，请核对出生日期或与户主关系',
    'a child must be at least 12 years younger than the head',
  ],
  'grandchild-not-younger': [
    '孙子女应比户主至少小24岁，请核对出生日期或与户主关系',
    'a grandchild must be at least 24 years younger than the head',
  ],
  'parent-not-older': [
    '父母应比户主至少大12岁，请核对出生日期或与户主关系',
    'a parent must be at least 12 years older than the head',
  ],
  'grandparent-not-older': [
    '祖父母应比户主至少大24岁，请核对出生日期或与户主关系',
    'a grandparent must be at least 24 years older than the head',
  ],
  'unknown-site': ['找不到安置点“{value}”，或不在您负责的范围内', 'unknown site “{value}” (or not one of your sites)'],
  'ambiguous-site': [
    '安置点“{value}”对应多个安置点（{names}），请填写安置点编码',
    'site “{value}” matches several sites ({names}); use the site code',
  ],
  'household-outside': [
    '户{household}已登记在您负责范围以外的安置点',
    'household {household} exists outside your sites',
  ],
  'id-in-other-household': [
    '这个身份证号已登记在另一户（{household}）',
    'ID number already registered in another household ({household})',
  ],
  'household-held-back': [
    '同户第{rows}行有问题，这一户整户未导入',
    'another row of this household ({rows}) has a problem, so the household was not imported',
  ],
} as const satisfies Record<string, readonly [string, string]>;

export type ReasonCode = keyof typeof texts;

export interface Rejection {
  /** The row number as Excel shows it. */
  row: number;
  /** The header as written in the file (or the usual Chinese name when the column is missing). */
  column: string;
  code: ReasonCode;
  /** Plain Chinese. */
  reason: string;
  reasonEn: string;
}

const fill = (template: string, params: Params) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? ''));

export function rejection(row: number, column: string, code: ReasonCode, params: Params = {}): Rejection {
  const [zh, en] = texts[code];
  return { row, column, code, reason: fill(zh, params), reasonEn: fill(en, params) };
}
