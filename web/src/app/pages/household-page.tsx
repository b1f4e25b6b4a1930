import { useParams } from 'react-router-dom';
import { HouseholdAssignments } from '../../features/assignments/household-assignments.tsx';
import { PersonApplications } from '../../features/matching/person-applications.tsx';
import { Recommendations } from '../../features/matching/recommendations.tsx';
import {
  type HouseholdSlots,
  HouseholdPage as RegistryHouseholdPage,
} from '../../features/registry/household-page.tsx';
import { HouseholdTrackingLinks } from '../../features/tracking/household-links.tsx';
import { HouseholdWorkflows } from '../../features/workflows/household-workflows.tsx';

/** 搬迁户详情 with the assignments, matching and tracking features' panels in it. */
const slots: HouseholdSlots = {
  assignments: (household) => <HouseholdAssignments household={household} />,
  applications: (person) => <PersonApplications personId={person.id} name={person.name} />,
  matches: (person, heading) => <Recommendations personId={person.id} heading={heading} />,
  tracking: (household) => <HouseholdTrackingLinks householdId={household.id} />,
};

/** 搬迁户详情, and under it 帮扶流程 (start, take the current step, the trail). */
export function HouseholdPage() {
  const { householdId = '' } = useParams();
  return (
    <>
      <RegistryHouseholdPage slots={slots} />
      <HouseholdWorkflows householdId={householdId} />
    </>
  );
}
