import type { RouteObject } from 'react-router-dom';
import { HouseholdTimelinePage } from './household-timeline-page.tsx';
import { RecordVisitPage } from './record-visit-page.tsx';
import { SiteDashboardPage } from './site-dashboard-page.tsx';
import { WorklistPage } from './worklist-page.tsx';

/** The tracking pages, for the portal shell to mount (web/src/app/routes.tsx). */
export const trackingRoutes: RouteObject[] = [
  { path: '/tracking/worklist', element: <WorklistPage /> },
  { path: '/tracking/households/:id', element: <HouseholdTimelinePage /> },
  { path: '/tracking/households/:id/visit', element: <RecordVisitPage /> },
  { path: '/tracking/sites', element: <SiteDashboardPage /> },
  { path: '/tracking/sites/:code', element: <SiteDashboardPage /> },
];
