import { HomePage as Tiles } from '../../features/home/home-page.tsx';
import { Recommendations } from '../../features/matching/recommendations.tsx';
import { ConsentCard } from '../../features/notifications/consent-card.tsx';
import { WorkCounts } from '../../features/tracking/work-counts.tsx';
import { navFor } from '../routes.tsx';

const slots = {
  tiles: navFor,
  forYou: (personId: string, heading: string) => <Recommendations personId={personId} heading={heading} />,
  workCounts: () => <WorkCounts />,
};

/** The home page: the role's menu as tiles, a resident's recommendations and their consent card. */
export const HomePage = () => (
  <>
    <Tiles slots={slots} />
    <ConsentCard />
  </>
);
