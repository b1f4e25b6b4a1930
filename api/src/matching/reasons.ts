/**
 * One reason behind a match, structured so the portal can show icons and the API stays
 * language-neutral; `renderReason` turns it into one plain line in Chinese or English.
 */
export type ReasonKind = 'skill' | 'reach' | 'fit' | 'need';
export type ReasonPolarity = 'plus' | 'minus' | 'info';

export type ReasonCode =
  // skills (技能)
  | 'skill.met'
  | 'skill.met_alias'
  | 'skill.related_child'
  | 'skill.related_parent'
  | 'skill.related_sibling'
  | 'skill.level_short'
  | 'skill.missing'
  | 'skill.optional_met'
  | 'skill.none_required'
  | 'skill.teaches'
  | 'skill.raises'
  | 'skill.already_has'
  | 'skill.under_uses_trade'
  // reach (路程)
  | 'reach.distance'
  | 'reach.shuttle'
  | 'reach.at_home'
  | 'reach.labour_export'
  | 'reach.accommodation'
  | 'reach.unknown'
  | 'reach.too_far'
  | 'reach.not_willing_away'
  | 'reach.must_stay_close'
  | 'reach.home_only'
  | 'reach.site_only'
  | 'reach.materials_delivered'
  | 'reach.on_site'
  // fit (适合)
  | 'fit.carer_friendly'
  | 'fit.carer_full_time'
  | 'fit.mode_not_preferred'
  | 'fit.medium_demand_limited'
  | 'fit.public_welfare'
  | 'fit.certified'
  | 'fit.childcare'
  | 'fit.subsidised'
  | 'fit.certificate_offered'
  | 'fit.long_course_carer'
  | 'fit.dividend'
  | 'fit.age_out'
  | 'fit.heavy_for_weak'
  | 'fit.health_heavy'
  | 'fit.no_capacity'
  | 'fit.capacity_unknown'
  | 'fit.certificate_missing'
  | 'fit.closed'
  | 'fit.no_seats'
  | 'fit.not_available_yet'
  | 'fit.health_limit'
  | 'fit.hours_mismatch'
  | 'fit.hours_fit'
  | 'fit.public_welfare_ineligible'
  // household need (家庭需要)
  | 'need.lift'
  | 'need.no_one_employed'
  | 'need.no_one_employed_unverified'
  | 'need.below_line'
  | 'need.pay_unknown'
  | 'need.unlocks_jobs'
  | 'need.priority_household';

export type ReasonParams = Record<string, string | number | boolean | null>;

export interface Reason {
  code: ReasonCode;
  kind: ReasonKind;
  polarity: ReasonPolarity;
  params: ReasonParams;
}

export type Language = 'zh' | 'en';

const kindOf = (code: ReasonCode): ReasonKind => code.split('.')[0] as ReasonKind;

export function reason(code: ReasonCode, polarity: ReasonPolarity, params: ReasonParams = {}): Reason {
  return { code, kind: kindOf(code), polarity, params };
}

const km = (value: unknown) => Number(value).toFixed(1);
const yuan = (value: unknown) => Math.round(Number(value)).toString();

type Renderer = (p: ReasonParams) => string;

const modeZh: Record<string, string> = {
  full_time: '全职',
  part_time: '兼职',
  piecework_home: '居家计件',
  public_welfare: '公益性岗位',
  labour_export: '外出务工',
  dividend: '入股分红',
};
const modeEn: Record<string, string> = {
  full_time: 'full-time',
  part_time: 'part-time',
  piecework_home: 'piecework at home',
  public_welfare: 'public-welfare post',
  labour_export: 'work away from home',
  dividend: 'dividend share',
};

const scheduleZh: Record<string, string> = {
  full_time: '全职',
  part_time_morning: '上午半天',
  part_time_afternoon: '下午半天',
  school_hours: '孩子上学时间',
  two_shifts: '两班倒',
  three_shifts: '三班倒',
  night: '夜班',
  weekends: '周末',
  part_time: '兼职',
  piecework_home: '居家计件',
  dividend: '入股分红',
};
const scheduleEn: Record<string, string> = {
  full_time: 'full-time',
  part_time_morning: 'mornings',
  part_time_afternoon: 'afternoons',
  school_hours: 'school hours',
  two_shifts: 'two shifts',
  three_shifts: 'three shifts',
  night: 'nights',
  weekends: 'weekends',
  part_time: 'part-time',
  piecework_home: 'piecework at home',
  dividend: 'dividend share',
};
const scheduleText = (value: unknown, names: Record<string, string>, separator: string) =>
  String(value ?? '')
    .split(',')
    .filter(Boolean)
    .map((s) => names[s] ?? s)
    .join(separator);
const limitZh: Record<string, string> = {
  no_heavy_lifting: '要搬重物',
  no_standing_all_day: '要整天站立',
  no_night_work: '要上夜班',
  no_heights: '要高处作业',
};
const limitEn: Record<string, string> = {
  no_heavy_lifting: 'heavy lifting',
  no_standing_all_day: 'standing all day',
  no_night_work: 'night work',
  no_heights: 'work at heights',
};

const ageRangeZh = (p: ReasonParams) =>
  p.minAge !== null && p.maxAge !== null
    ? `${p.minAge}–${p.maxAge} 岁`
    : p.minAge !== null
      ? `${p.minAge} 岁以上`
      : `${p.maxAge} 岁以下`;
const ageRangeEn = (p: ReasonParams) =>
  p.minAge !== null && p.maxAge !== null
    ? `aged ${p.minAge}–${p.maxAge}`
    : p.minAge !== null
      ? `aged ${p.minAge} or over`
      : `aged ${p.maxAge} or under`;

const zh: Record<ReasonCode, Renderer> = {
  'skill.met': (p) => `会${p.skillZh}（${p.level}级），要求${p.minLevel}级`,
  'skill.met_alias': (p) => `会${p.heldZh}（即${p.skillZh}，${p.level}级），要求${p.minLevel}级`,
  'skill.related_child': (p) => `会${p.heldZh}，属于所需的${p.skillZh}`,
  'skill.related_parent': (p) => `会${p.heldZh}，与所需的${p.skillZh}相近`,
  'skill.related_sibling': (p) => `会${p.heldZh}，与所需的${p.skillZh}相近`,
  'skill.level_short': (p) => `会${p.skillZh}（${p.level}级），要求${p.minLevel}级`,
  'skill.missing': (p) => `还不会${p.skillZh}（要求${p.minLevel}级）`,
  'skill.optional_met': (p) => `会${p.skillZh}，加分`,
  'skill.none_required': () => '不要求技能，可上岗学习',
  'skill.teaches': (p) => `教会${p.skillZh}（到${p.levelReached}级）`,
  'skill.raises': (p) => `${p.skillZh}从${p.level}级提高到${p.levelReached}级`,
  'skill.under_uses_trade': (p) => `用不上您的${p.skillZh}手艺`,
  'skill.already_has': (p) => `已会${p.skillZh}（${p.level}级），本课程只到${p.levelReached}级`,
  'reach.distance': (p) => `距安置点 ${km(p.km)} 公里${p.overMax ? `，超过您能接受的 ${p.maxKm} 公里` : ''}`,
  'reach.shuttle': (p) => `距安置点 ${km(p.km)} 公里，有班车`,
  'reach.at_home': () => '在家做，不用出门',
  'reach.labour_export': (p) => `外出务工${p.accommodation ? '，包住' : ''}`,
  'reach.accommodation': (p) => `距安置点 ${km(p.km)} 公里，包住`,
  'reach.unknown': () => '地点未标明',
  'reach.too_far': (p) => `距安置点 ${km(p.km)} 公里，超过您能接受的 ${p.maxKm} 公里`,
  'reach.not_willing_away': () => '需要外出务工，您未选择外出',
  'reach.must_stay_close': () => '需要外出务工，您宜就近工作',
  'reach.home_only': () => '只能居家做，这份工作要出门',
  'reach.site_only': () => '只能在安置点内工作，这份工作在点外',
  'reach.materials_delivered': () => '送料上门，在家做',
  'reach.on_site': () => '就在安置点内',
  'fit.carer_friendly': (p) => `${modeZh[String(p.mode)]}，方便照顾家人`,
  'fit.carer_full_time': (p) => `${modeZh[String(p.mode)]}，不便照顾家人`,
  'fit.mode_not_preferred': (p) => `${modeZh[String(p.mode)]}，不是您选的工作方式`,
  'fit.medium_demand_limited': () => '体力活中等，注意身体',
  'fit.public_welfare': () => '公益性岗位，适合年长或体弱的人',
  'fit.certified': (p) => `持有${p.skillZh}证书`,
  'fit.childcare': () => '上课期间有托育',
  'fit.subsidised': () => '政府补贴，免费学',
  'fit.certificate_offered': () => '学完发证书',
  'fit.long_course_carer': (p) => `全天上课 ${p.days} 天，照顾家人不便`,
  'fit.dividend': () => '可入股分红，不用出力',
  'fit.age_out': (p) => `要求${ageRangeZh(p)}，您 ${p.age} 岁`,
  'fit.heavy_for_weak': () => '重体力活，不适合弱劳动力',
  'fit.health_heavy': () => '重体力活，身体条件不适合',
  'fit.no_capacity': () => '需要出力干活，不适合无劳动能力的人',
  'fit.capacity_unknown': () => '劳动能力未登记，请先核实',
  'fit.certificate_missing': (p) => `${p.skillZh}须持证上岗，您还没有证书`,
  'fit.closed': (p) => `已于 ${p.date} 截止`,
  'fit.no_seats': () => '名额已满',
  'fit.not_available_yet': (p) => `您 ${p.date} 起才能上班`,
  'fit.health_limit': (p) => `${limitZh[String(p.limit)] ?? ''}，身体条件不适合`,
  'fit.hours_mismatch': (p) => `工作时间（${scheduleText(p.schedule, scheduleZh, '、')}）与您能上班的时间不符`,
  'fit.hours_fit': (p) => `工作时间（${scheduleText(p.schedule, scheduleZh, '、')}）合适`,
  'fit.public_welfare_ineligible': () => '公益性岗位，只面向就业困难人员',
  'need.lift': (p) =>
    `月收入约 ${yuan(p.monthly)} 元，家里每人每年可多 ${yuan(p.perCapitaLift)} 元${p.pctOfLine !== null ? `（约为监测线的 ${p.pctOfLine}%）` : ''}`,
  'need.no_one_employed': () => '家中暂无人就业，优先推荐',
  'need.no_one_employed_unverified': () => '家中暂无人就业（劳动能力未登记，请核实）',
  'need.below_line': () => '家庭人均收入低于监测线，优先推荐',
  'need.pay_unknown': () => '收入未标明',
  'need.unlocks_jobs': (p) => `学会后附近有 ${p.jobs} 个岗位可以做`,
  'need.priority_household': () => '帮扶优先对象',
};

const en: Record<ReasonCode, Renderer> = {
  'skill.met': (p) => `Has ${p.skillEn} (level ${p.level}); level ${p.minLevel} asked`,
  'skill.met_alias': (p) => `Has ${p.heldEn} (same as ${p.skillEn}, level ${p.level}); level ${p.minLevel} asked`,
  'skill.related_child': (p) => `Has ${p.heldEn}, a kind of the ${p.skillEn} asked`,
  'skill.related_parent': (p) => `Has ${p.heldEn}, close to the ${p.skillEn} asked`,
  'skill.related_sibling': (p) => `Has ${p.heldEn}, close to the ${p.skillEn} asked`,
  'skill.level_short': (p) => `Has ${p.skillEn} at level ${p.level}; level ${p.minLevel} asked`,
  'skill.missing': (p) => `Does not yet have ${p.skillEn} (level ${p.minLevel} asked)`,
  'skill.optional_met': (p) => `Has ${p.skillEn}, a plus`,
  'skill.none_required': () => 'No skill required; learn on the job',
  'skill.teaches': (p) => `Teaches ${p.skillEn} (to level ${p.levelReached})`,
  'skill.raises': (p) => `Raises ${p.skillEn} from level ${p.level} to ${p.levelReached}`,
  'skill.under_uses_trade': (p) => `Does not use your ${p.skillEn} trade`,
  'skill.already_has': (p) => `Already has ${p.skillEn} (level ${p.level}); this course stops at ${p.levelReached}`,
  'reach.distance': (p) => `${km(p.km)} km from the site${p.overMax ? `, beyond the ${p.maxKm} km you accept` : ''}`,
  'reach.shuttle': (p) => `${km(p.km)} km from the site, shuttle bus`,
  'reach.at_home': () => 'Done at home, no travel',
  'reach.labour_export': (p) => `Work away from home${p.accommodation ? ', housing provided' : ''}`,
  'reach.accommodation': (p) => `${km(p.km)} km from the site, housing provided`,
  'reach.unknown': () => 'Location not given',
  'reach.too_far': (p) => `${km(p.km)} km from the site, beyond the ${p.maxKm} km you accept`,
  'reach.not_willing_away': () => 'Work away from home, which you did not choose',
  'reach.must_stay_close': () => 'Work away from home; you should work close to home',
  'reach.home_only': () => 'You can only work at home; this job is outside',
  'reach.site_only': () => 'You can only work inside the site; this job is outside it',
  'reach.materials_delivered': () => 'Materials delivered to the site: done at home',
  'reach.on_site': () => 'Inside the resettlement site',
  'fit.carer_friendly': (p) => `${cap(modeEn[String(p.mode)])}: fits caring for family`,
  'fit.carer_full_time': (p) => `${cap(modeEn[String(p.mode)])}: hard to combine with caring for family`,
  'fit.mode_not_preferred': (p) => `${cap(modeEn[String(p.mode)])}, not a way of working you chose`,
  'fit.medium_demand_limited': () => 'Moderately physical work: take care',
  'fit.public_welfare': () => 'Public-welfare post, suited to older or frail people',
  'fit.certified': (p) => `Holds a ${p.skillEn} certificate`,
  'fit.childcare': () => 'Childcare during class',
  'fit.subsidised': () => 'Subsidised: free to attend',
  'fit.certificate_offered': () => 'Certificate on completion',
  'fit.long_course_carer': (p) => `${p.days} full days of class: hard to combine with caring`,
  'fit.dividend': () => 'Can join for a dividend share without labour',
  'fit.age_out': (p) => `For people ${ageRangeEn(p)}; you are ${p.age}`,
  'fit.heavy_for_weak': () => 'Heavy physical work, not for weak labour capacity',
  'fit.health_heavy': () => 'Heavy physical work, not suited to your health',
  'fit.no_capacity': () => 'Physical work, not for people without labour capacity',
  'fit.capacity_unknown': () => 'Labour capacity not recorded: check it first',
  'fit.certificate_missing': (p) => `${cap(String(p.skillEn))} needs a certificate by law, which you do not hold yet`,
  'fit.closed': (p) => `Closed on ${p.date}`,
  'fit.no_seats': () => 'No seats left',
  'fit.not_available_yet': (p) => `You can start only from ${p.date}`,
  'fit.health_limit': (p) => `${cap(limitEn[String(p.limit)])}: not suited to your health`,
  'fit.hours_mismatch': (p) => `Hours (${scheduleText(p.schedule, scheduleEn, ', ')}) do not match when you can work`,
  'fit.hours_fit': (p) => `Hours (${scheduleText(p.schedule, scheduleEn, ', ')}) suit you`,
  'fit.public_welfare_ineligible': () => 'Public-welfare post, only for people who find work hardest',
  'need.lift': (p) =>
    `About ${yuan(p.monthly)} yuan a month: ${yuan(p.perCapitaLift)} more per person a year${p.pctOfLine !== null ? ` (about ${p.pctOfLine}% of the monitoring line)` : ''}`,
  'need.no_one_employed': () => 'No one in the household works yet: recommended first',
  'need.no_one_employed_unverified': () =>
    'No one in the household works yet (labour capacity not recorded: please check)',
  'need.below_line': () => 'Household income per person is below the monitoring line: recommended first',
  'need.pay_unknown': () => 'Pay not given',
  'need.unlocks_jobs': (p) => `Opens ${p.jobs} jobs nearby once learnt`,
  'need.priority_household': () => 'Priority household for support',
};

function cap(text: string | undefined): string {
  return text ? text[0].toUpperCase() + text.slice(1) : '';
}

/** One plain line for a reason, in Chinese (default) or English. */
export function renderReason(item: Reason, language: Language = 'zh'): string {
  return (language === 'zh' ? zh : en)[item.code](item.params);
}
