import { useParams } from 'react-router-dom';
import { HouseholdSupport } from '../../features/support/household-support.tsx';
import { HouseholdTimelinePage as TrackingTimelinePage } from '../../features/tracking/household-timeline-page.tsx';
import { HouseholdWorkflows } from '../../features/workflows/household-workflows.tsx';

/** The household's tracking page with the support sections (帮扶措施, 三保障, 风险, 刚性支出) under it. */
export function HouseholdTimelinePage() {
  const { id = '' } = useParams();
  return (
    <>
      <TrackingTimelinePage />
      <HouseholdSupport householdId={id} />
      <HouseholdWorkflows householdId={id} />
    </>
  );
}
