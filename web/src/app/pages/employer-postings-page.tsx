import { ApplicantsLink } from '../../features/matching/applicants-link.tsx';
import {
  type ApplicantsSlot,
  EmployerPostingsPage as PostingsList,
} from '../../features/opportunities/components/employer-postings-page.tsx';

/** The applications' word for each kind of posting (jobs → job). */
const applicantsKind = { jobs: 'job', trainings: 'training', projects: 'project' } as const;

const applicants: ApplicantsSlot = (kind, posting) => (
  <ApplicantsLink
    kind={applicantsKind[kind]}
    postingId={posting.id}
    count={posting.applicationCount}
    fresh={posting.newApplicationCount}
  />
);

/** 我的发布 with the link to each posting's applicants and how many there are. */
export const EmployerPostingsPage = () => <PostingsList applicants={applicants} />;
