import type { Pathway } from './pathways.ts';
import { renderPathway } from './pathways.ts';
import type { RankedOpportunity } from './rank.ts';
import { type Reason, renderReason } from './reasons.ts';

/** Reasons as the API sends them: structured, with the plain line in both languages. */
export const presentReasons = (reasons: Reason[]) =>
  reasons.map((r) => ({ ...r, text: { zh: renderReason(r, 'zh'), en: renderReason(r, 'en') } }));

export const presentMatch = ({ opportunity, score, reasons }: RankedOpportunity) => ({
  id: opportunity.id,
  kind: opportunity.kind,
  title: opportunity.title,
  score,
  reasons: presentReasons(reasons),
});

export const presentPathway = (pathway: Pathway) => ({
  skill: pathway.skill,
  skillZh: pathway.skillZh,
  skillEn: pathway.skillEn,
  jobsUnlocked: pathway.jobsUnlocked,
  jobIds: pathway.jobIds,
  pay: pathway.pay,
  courses: pathway.courses.map(({ training, km }) => ({
    id: training.id,
    title: training.title,
    startDate: training.startDate,
    durationDays: training.durationDays,
    subsidised: training.subsidised,
    certificate: training.certificate,
    childcare: training.childcare,
    km,
  })),
  text: { zh: renderPathway(pathway, 'zh'), en: renderPathway(pathway, 'en') },
});
