import type { DisabilityKind, HealthLimit, MatchPerson, PersonHealth } from './types.ts';

/**
 * Structured health and disability (健康与残疾) as matching reads it: the limits a person has,
 * both those recorded and those a disability implies, and a reader that derives the structure
 * from the free-text health notes of older records (the roster import and the migration call it).
 */

/** Stored among a person's work limits for a disability or chronic illness: keep work close to home. */
export const STAY_CLOSE_LIMIT = 'stay_close';

export const noHealthRecord: PersonHealth = {
  disabilityKind: null,
  disabilityGrade: null,
  chronicIllness: false,
  limits: [],
};

/** The limits recorded plus the ones a disability implies (肢体残疾: no heavy lifting…). */
export function effectiveLimits(health: PersonHealth | undefined): Set<HealthLimit> {
  const limits = new Set<HealthLimit>(health?.limits ?? []);
  if (!health?.disabilityKind) return limits;
  const severe = health.disabilityGrade !== null && health.disabilityGrade <= 2;
  const kind = health.disabilityKind;
  if (kind === 'physical' || kind === 'multiple') {
    limits.add('no_heavy_lifting');
    limits.add('no_heights');
    if (severe) limits.add('no_standing_all_day');
  }
  if (kind === 'visual') {
    limits.add('no_heights');
    if (severe) limits.add('no_night_work');
  }
  if (kind === 'intellectual' || kind === 'mental') limits.add('no_heights');
  return limits;
}

/** A disability or chronic illness (or the older yes/no health flag): the person should stay close. */
export const hasHealthLimit = (person: MatchPerson): boolean =>
  person.healthLimited || Boolean(person.health && (person.health.disabilityKind || person.health.chronicIllness));

/**
 * Health that makes even moderately physical work hard: the older yes/no flag, or a severe
 * disability (grade 1–2). A recorded limit (no heavy lifting) is a hard constraint of its own.
 */
export const limitsPhysicalWork = (person: MatchPerson): boolean =>
  person.healthLimited ||
  Boolean(
    person.health?.disabilityKind && person.health.disabilityGrade !== null && person.health.disabilityGrade <= 2,
  );

const kindWords: [RegExp, DisabilityKind][] = [
  [/肢体/, 'physical'],
  [/视力|盲/, 'visual'],
  [/听力|聋/, 'hearing'],
  [/言语|哑/, 'speech'],
  [/智力/, 'intellectual'],
  [/精神/, 'mental'],
  [/多重/, 'multiple'],
];
const gradeWords: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };
const chronicWords = /慢性|大病|重病|癌|肿瘤|高血压|糖尿病|心脏病|冠心病|哮喘|肾病|风湿|肝病|肺病|尘肺|癫痫|中风|脑梗/;
const limitWords: [RegExp, HealthLimit][] = [
  [/腰椎|腰间盘|腰肌劳损|腰伤|不能(搬|提|扛)重|心脏病|冠心病|尘肺/, 'no_heavy_lifting'],
  [/不能久站|不宜久站|静脉曲张|膝关节|腿脚不便/, 'no_standing_all_day'],
  [/不能(上)?夜班|不能熬夜|不宜夜班/, 'no_night_work'],
  [/恐高|癫痫|高血压|不能(登|爬)高/, 'no_heights'],
];

/**
 * Reads structured facts from a free-text health note where it is obvious: "肢体残疾二级" gives
 * a grade-2 physical disability, "高血压" a chronic illness with no work at heights, "腰椎间盘突出"
 * no heavy lifting. Returns null when the note says nothing it can read.
 */
export function healthFromNotes(notes: string | null | undefined): PersonHealth | null {
  if (!notes) return null;
  const text = notes.replace(/\s+/g, '');
  let disabilityKind: DisabilityKind | null = null;
  let disabilityGrade: number | null = null;
  const disability = /(肢体|视力|听力|言语|智力|精神|多重)?残疾?(?:人)?([一二三四1-4])级/.exec(text);
  if (/残疾|残障|残疾证/.test(text) || disability) {
    disabilityKind = kindWords.find(([pattern]) => pattern.test(text))?.[1] ?? null;
    if (disability?.[2]) disabilityGrade = gradeWords[disability[2]] ?? null;
  }
  const chronicIllness = chronicWords.test(text);
  const limits = limitWords.filter(([pattern]) => pattern.test(text)).map(([, limit]) => limit);
  if (!disabilityKind && disabilityGrade === null && !chronicIllness && limits.length === 0) return null;
  return { disabilityKind, disabilityGrade, chronicIllness, limits: [...new Set(limits)] };
}
