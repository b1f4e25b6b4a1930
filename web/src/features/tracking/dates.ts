/** Today where the programme runs (China Standard Time), 'YYYY-MM-DD', as the API counts it. */
export const todayInChina = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** 'YYYY-MM' of the month `offset` months from the month of a 'YYYY-MM…' date. */
export function monthOf(date: string, offset = 0): string {
  const [year, month] = date.split('-').map(Number);
  const index = year * 12 + (month - 1) + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export const supportMeasures = [
  'job_referral',
  'training_referral',
  'dibao_application',
  'public_welfare_post',
  'medical_aid',
  'education_aid',
  'other',
] as const;
