import { HouseholdAssignments } from '../../features/assignments/household-assignments.tsx';
import { PersonApplications } from '../../features/matching/person-applications.tsx';
import { Recommendations } from '../../features/matching/recommendations.tsx';
import {
  type HouseholdSlots,
  HouseholdPage as RegistryHouseholdPage,
} from '../../features/registry/household-page.tsx';

/** 搬迁户详情 with the assignments and matching features' panels in it. */
const slots: HouseholdSlots = {
  assignments: (household) => <HouseholdAssignments household={household} />,
  applications: (person) => <PersonApplications personId={person.id} name={person.name} />,
  matches: (person, heading) => <Recommendations personId={person.id} heading={heading} />,
};

export const HouseholdPage = () => <RegistryHouseholdPage slots={slots} />;
