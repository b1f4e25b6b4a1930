import { ageOn } from '@anju/domain/dates';
import type { LaborCapacity } from '@anju/domain/enums';
import type { WelfareEligibility } from './programmes.tables.ts';

export interface EligibilityFacts {
  laborCapacity: LaborCapacity;
  /** The household's monitoring category; anything but 'none' is a 监测户. */
  monitoringCategory: string;
  birthDate: string | null;
}

export interface EligibilityRefusal {
  rule: 'laborCapacity' | 'monitoredHousehold' | 'age';
  reasonZh: string;
  reasonEn: string;
}

const capacityZh = { full: '有劳动能力', weak: '弱劳动能力', none: '无劳动能力' } as const;

/**
 * Whether a person may hold a 公益性岗位 with these rules (every rule given must hold), as the
 * first rule that fails, in Chinese and English; null when eligible. Age counts on `on` (the
 * first day of the term).
 */
export function eligibilityRefusal(
  rules: WelfareEligibility,
  facts: EligibilityFacts,
  on: string,
): EligibilityRefusal | null {
  if (rules.laborCapacities?.length && !rules.laborCapacities.some((capacity) => capacity === facts.laborCapacity)) {
    const wanted = rules.laborCapacities.map((capacity) => capacityZh[capacity]).join('或');
    if (facts.laborCapacity === 'unknown')
      return {
        rule: 'laborCapacity',
        reasonZh: `劳动能力未登记：本岗位面向${wanted}人员，请先登记此人的劳动能力`,
        reasonEn: `Labour capacity not recorded: the post is for ${rules.laborCapacities.join(' or ')}; record this person's first`,
      };
    return {
      rule: 'laborCapacity',
      reasonZh: `劳动能力不符：本岗位面向${wanted}人员，此人为${capacityZh[facts.laborCapacity]}`,
      reasonEn: `Labour capacity: the post is for ${rules.laborCapacities.join(' or ')}, this person is ${facts.laborCapacity}`,
    };
  }
  if (rules.monitoredHouseholdOnly && facts.monitoringCategory === 'none')
    return {
      rule: 'monitoredHousehold',
      reasonZh: '本岗位只面向防返贫监测户，此户不是监测户',
      reasonEn: 'The post is for monitored households only',
    };
  if (rules.minAge !== undefined || rules.maxAge !== undefined) {
    const range =
      rules.maxAge === undefined
        ? `${rules.minAge}岁及以上`
        : rules.minAge === undefined
          ? `${rules.maxAge}岁及以下`
          : `${rules.minAge}–${rules.maxAge}岁`;
    if (!facts.birthDate)
      return {
        rule: 'age',
        reasonZh: `本岗位有年龄要求（${range}），此人没有出生日期，无法核对`,
        reasonEn: `The post has an age range (${rules.minAge ?? ''}–${rules.maxAge ?? ''}); the person has no birth date to check`,
      };
    const age = ageOn(facts.birthDate, on);
    if ((rules.minAge !== undefined && age < rules.minAge) || (rules.maxAge !== undefined && age > rules.maxAge))
      return {
        rule: 'age',
        reasonZh: `年龄不符：本岗位要求${range}，此人${age}岁`,
        reasonEn: `Age: the post is for ages ${rules.minAge ?? ''}–${rules.maxAge ?? ''}, this person is ${age}`,
      };
  }
  return null;
}
