import { HomePage as Tiles } from '../../features/home/home-page.tsx';
import { Recommendations } from '../../features/matching/recommendations.tsx';
import { WorkCounts } from '../../features/tracking/work-counts.tsx';
import { navFor } from '../routes.tsx';

const slots = {
  tiles: navFor,
  forYou: (personId: string, heading: string) => <Recommendations personId={personId} heading={heading} />,
  workCounts: () => <WorkCounts />,
};

/** The home page: the role's menu as tiles, and a resident's recommendations. */
export const HomePage = () => <Tiles slots={slots} />;
