/**
 * Every page of the portal, in ONE list. To add a page: one entry with its path, the roles
 * that may open it (everyone else gets the 403 page), and `nav` if it belongs in the role's
 * menu (the home page shows the same entries as big tiles). Labels are i18n keys.
 */
import {
  AccountBookOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BellOutlined,
  BookOutlined,
  CarOutlined,
  CarryOutOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  FileDoneOutlined,
  HeartOutlined,
  HistoryOutlined,
  HomeOutlined,
  IdcardOutlined,
  MergeCellsOutlined,
  NotificationOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SearchOutlined,
  ShopOutlined,
  SolutionOutlined,
  TagsOutlined,
  TeamOutlined,
  ToolOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { lazy, type ReactNode } from 'react';
import type { Role } from '../features/auth/use-me.ts';

// Every page loads on first visit (its own chunk), keeping each role's first load small.
// Pages that show other features' parts are composed in ./pages/ (features never import each other).
const AccountsPage = lazy(() => import('./pages/accounts-page.tsx').then((m) => ({ default: m.AccountsPage })));
const JobsPage = lazy(() => import('../features/jobs/jobs-page.tsx').then((m) => ({ default: m.JobsPage })));
const AuditLogPage = lazy(() =>
  import('../features/audit-log/audit-log-page.tsx').then((m) => ({ default: m.AuditLogPage })),
);

const OpportunitySearchPage = lazy(() =>
  import('../features/opportunities/components/opportunity-search-page.tsx').then((m) => ({
    default: m.OpportunitySearchPage,
  })),
);
const SavedSearchesPage = lazy(() =>
  import('../features/opportunities/components/saved-searches-page.tsx').then((m) => ({
    default: m.SavedSearchesPage,
  })),
);
const EmployerPostingsPage = lazy(() =>
  import('./pages/employer-postings-page.tsx').then((m) => ({ default: m.EmployerPostingsPage })),
);
const PostingFormPage = lazy(() =>
  import('../features/opportunities/components/posting-form-page.tsx').then((m) => ({ default: m.PostingFormPage })),
);
const SkillTaxonomyPage = lazy(() =>
  import('../features/opportunities/components/skill-taxonomy-page.tsx').then((m) => ({
    default: m.SkillTaxonomyPage,
  })),
);
const EmployerReviewPage = lazy(() =>
  import('../features/opportunities/components/employer-review-page.tsx').then((m) => ({
    default: m.EmployerReviewPage,
  })),
);

const SupervisionPage = lazy(() =>
  import('../features/support/supervision-page.tsx').then((m) => ({ default: m.SupervisionPage })),
);
const PolicyValuesPage = lazy(() =>
  import('../features/support/policy-values-page.tsx').then((m) => ({ default: m.PolicyValuesPage })),
);
const OpenWorkflowsPage = lazy(() =>
  import('../features/workflows/open-workflows-page.tsx').then((m) => ({ default: m.OpenWorkflowsPage })),
);
const JobPage = lazy(() => import('../features/matching/job-page.tsx').then((m) => ({ default: m.JobPage })));
const MyApplicationsPage = lazy(() =>
  import('../features/matching/my-applications-page.tsx').then((m) => ({ default: m.MyApplicationsPage })),
);
const MyResidentsPage = lazy(() =>
  import('../features/matching/my-residents-page.tsx').then((m) => ({ default: m.MyResidentsPage })),
);
const CandidatesPage = lazy(() =>
  import('../features/matching/candidates-page.tsx').then((m) => ({ default: m.CandidatesPage })),
);

const SiteListPage = lazy(() =>
  import('../features/registry/site-list-page.tsx').then((m) => ({ default: m.SiteListPage })),
);
const SitePage = lazy(() => import('../features/registry/site-page.tsx').then((m) => ({ default: m.SitePage })));
const HouseholdListPage = lazy(() =>
  import('../features/registry/household-list-page.tsx').then((m) => ({ default: m.HouseholdListPage })),
);
const HouseholdPage = lazy(() => import('./pages/household-page.tsx').then((m) => ({ default: m.HouseholdPage })));
const PersonEditPage = lazy(() =>
  import('../features/registry/person-edit-page.tsx').then((m) => ({ default: m.PersonEditPage })),
);
const RosterUploadPage = lazy(() =>
  import('../features/registry/roster-upload-page.tsx').then((m) => ({ default: m.RosterUploadPage })),
);

const DuplicatesPage = lazy(() =>
  import('../features/registry/duplicates-page.tsx').then((m) => ({ default: m.DuplicatesPage })),
);
const ImportHistoryPage = lazy(() =>
  import('../features/registry/import-history-page.tsx').then((m) => ({ default: m.ImportHistoryPage })),
);

const RegionsPage = lazy(() =>
  import('../features/regions/regions-page.tsx').then((m) => ({ default: m.RegionsPage })),
);

const WorklistPage = lazy(() =>
  import('../features/tracking/worklist-page.tsx').then((m) => ({ default: m.WorklistPage })),
);
const HouseholdTimelinePage = lazy(() =>
  import('./pages/household-timeline-page.tsx').then((m) => ({ default: m.HouseholdTimelinePage })),
);
/** Also the page of /offline (router.tsx): a cold open without signal. */
export const TodayPage = lazy(() =>
  import('../features/offline/today-page.tsx').then((m) => ({ default: m.TodayPage })),
);
const RecordVisitPage = lazy(() =>
  import('../features/tracking/record-visit-page.tsx').then((m) => ({ default: m.RecordVisitPage })),
);
const SiteDashboardPage = lazy(() =>
  import('../features/tracking/site-dashboard-page.tsx').then((m) => ({ default: m.SiteDashboardPage })),
);

const InboxPage = lazy(() =>
  import('../features/notifications/inbox-page.tsx').then((m) => ({ default: m.InboxPage })),
);
const NotificationSettingsPage = lazy(() =>
  import('../features/notifications/settings-page.tsx').then((m) => ({ default: m.NotificationSettingsPage })),
);

const LabourExportPage = lazy(() =>
  import('../features/programmes/labour-export-page.tsx').then((m) => ({ default: m.LabourExportPage })),
);
const BatchPage = lazy(() => import('../features/programmes/batch-page.tsx').then((m) => ({ default: m.BatchPage })));
const FollowupPage = lazy(() =>
  import('../features/programmes/followup-page.tsx').then((m) => ({ default: m.FollowupPage })),
);
const WelfarePostsPage = lazy(() =>
  import('../features/programmes/welfare-posts-page.tsx').then((m) => ({ default: m.WelfarePostsPage })),
);
const WelfarePostPage = lazy(() =>
  import('../features/programmes/welfare-post-page.tsx').then((m) => ({ default: m.WelfarePostPage })),
);
const AssignmentRotationPage = lazy(() =>
  import('../features/programmes/welfare-post-page.tsx').then((m) => ({ default: m.AssignmentRotationPage })),
);

const WorkshopsPage = lazy(() =>
  import('../features/programmes/workshops-page.tsx').then((m) => ({ default: m.WorkshopsPage })),
);
const WorkshopPage = lazy(() =>
  import('../features/programmes/workshop-page.tsx').then((m) => ({ default: m.WorkshopPage })),
);
const SubsidiesPage = lazy(() =>
  import('../features/programmes/subsidies-page.tsx').then((m) => ({ default: m.SubsidiesPage })),
);
const EmployerMigrantsPage = lazy(() =>
  import('../features/programmes/employer-migrants-page.tsx').then((m) => ({ default: m.EmployerMigrantsPage })),
);

export interface AppRoute {
  path: string;
  roles: readonly Role[];
  element: ReactNode;
  /** In the menu of these roles; `labelFor` names it differently for one role. */
  nav?: { label: string; icon: ReactNode; labelFor?: Partial<Record<Role, string>> };
}

// biome-ignore format: one page per line keeps the list readable and merges trivial
export const appRoutes: AppRoute[] = [
  // 搬迁群众 and 帮扶干部 acting for them
  { path: 'my-residents', roles: ['helper'], element: <MyResidentsPage />, nav: { label: 'nav.myResidents', icon: <TeamOutlined /> } },
  { path: 'jobs', roles: ['resident', 'helper'], element: <OpportunitySearchPage kind="jobs" key="jobs" />, nav: { label: 'nav.jobs', icon: <SearchOutlined /> } },
  { path: 'training', roles: ['resident', 'helper'], element: <OpportunitySearchPage kind="trainings" key="trainings" />, nav: { label: 'nav.training', icon: <BookOutlined /> } },
  { path: 'projects', roles: ['resident', 'helper'], element: <OpportunitySearchPage kind="projects" key="projects" />, nav: { label: 'nav.projects', icon: <ShopOutlined /> } },
  { path: 'alerts', roles: ['resident', 'helper'], element: <SavedSearchesPage />, nav: { label: 'nav.alerts', icon: <BellOutlined /> } },
  { path: 'applications', roles: ['resident', 'helper'], element: <MyApplicationsPage />, nav: { label: 'nav.applications', icon: <FileDoneOutlined /> } },
  // 用工单位
  { path: 'postings', roles: ['employer', 'worker', 'admin'], element: <EmployerPostingsPage />, nav: { label: 'nav.postings', icon: <NotificationOutlined /> } },
  { path: 'postings/new', roles: ['employer', 'worker', 'admin'], element: <PostingFormPage /> },
  { path: 'postings/:id/edit', roles: ['employer', 'worker', 'admin'], element: <PostingFormPage /> },
  { path: 'postings/:kind/new', roles: ['employer', 'worker', 'admin'], element: <PostingFormPage /> },
  { path: 'postings/:kind/:id/edit', roles: ['employer', 'worker', 'admin'], element: <PostingFormPage /> },
  { path: 'candidates', roles: ['employer'], element: <CandidatesPage />, nav: { label: 'nav.candidates', icon: <SolutionOutlined /> } },
  // 社区工作者
  { path: 'registry/households', roles: ['worker', 'official', 'admin', 'helper'], element: <HouseholdListPage />, nav: { label: 'nav.roster', icon: <HomeOutlined /> } },
  { path: 'registry/households/:householdId', roles: ['worker', 'official', 'admin', 'helper', 'resident'], element: <HouseholdPage /> },
  { path: 'registry/persons/:personId/edit', roles: ['worker', 'admin'], element: <PersonEditPage /> },
  { path: 'registry/sites', roles: ['worker', 'official', 'admin'], element: <SiteListPage />, nav: { label: 'nav.sites', icon: <EnvironmentOutlined /> } },
  { path: 'registry/sites/:siteId', roles: ['worker', 'official', 'admin'], element: <SitePage /> },
  { path: 'registry/import', roles: ['worker', 'admin'], element: <RosterUploadPage />, nav: { label: 'nav.rosterImport', icon: <FileDoneOutlined /> } },
  { path: 'registry/imports', roles: ['worker', 'admin'], element: <ImportHistoryPage />, nav: { label: 'nav.importHistory', icon: <HistoryOutlined /> } },
  { path: 'registry/duplicates', roles: ['worker', 'admin'], element: <DuplicatesPage />, nav: { label: 'nav.duplicates', icon: <MergeCellsOutlined /> } },
  { path: 'tracking/worklist', roles: ['worker', 'official', 'admin'], element: <WorklistPage />, nav: { label: 'nav.worklist', icon: <UnorderedListOutlined /> } },
  { path: 'tracking/households/:id', roles: ['worker', 'official', 'admin', 'helper', 'resident'], element: <HouseholdTimelinePage /> },
  { path: 'tracking/households/:id/visit', roles: ['worker'], element: <RecordVisitPage /> },
  // 主管部门
  { path: 'tracking/sites', roles: ['official', 'worker', 'admin'], element: <SiteDashboardPage />, nav: { label: 'nav.dashboard', icon: <DashboardOutlined /> } },
  { path: 'tracking/sites/:code', roles: ['official', 'worker', 'admin'], element: <SiteDashboardPage /> },
  // 管理员 (and workers, for the accounts of their residents)
  { path: 'accounts', roles: ['admin', 'worker'], element: <AccountsPage />, nav: { label: 'nav.accounts', icon: <IdcardOutlined />, labelFor: { worker: 'nav.residentAccounts' } } },
  { path: 'employers/review', roles: ['admin'], element: <EmployerReviewPage />, nav: { label: 'nav.employerReview', icon: <SafetyCertificateOutlined /> } },
  { path: 'skills', roles: ['admin'], element: <SkillTaxonomyPage />, nav: { label: 'nav.skills', icon: <TagsOutlined /> } },
  { path: 'audit-log', roles: ['official', 'admin'], element: <AuditLogPage />, nav: { label: 'nav.auditLog', icon: <AuditOutlined /> } },
  // 行政区划 (issue 14)
  { path: 'regions', roles: ['admin'], element: <RegionsPage />, nav: { label: 'regions.nav', icon: <ApartmentOutlined /> } },
  { path: 'jobs/:id', roles: ['resident', 'helper', 'worker', 'official', 'admin'], element: <JobPage /> },
  { path: 'admin/jobs', roles: ['admin'], element: <JobsPage />, nav: { label: 'nav.scheduledJobs', icon: <ScheduleOutlined /> } },
  { path: 'today', roles: ['worker'], element: <TodayPage />, nav: { label: 'nav.today', icon: <CarryOutOutlined /> } },
  // 消息 (issue 21): opened from the bell in the top bar
  { path: 'notifications', roles: ['resident', 'helper', 'employer', 'worker', 'official', 'admin'], element: <InboxPage /> },
  { path: 'notifications/settings', roles: ['resident', 'helper', 'employer', 'worker', 'official', 'admin'], element: <NotificationSettingsPage /> },
  { path: 'supervision', roles: ['official', 'admin'], element: <SupervisionPage />, nav: { label: 'support.supervision.title', icon: <AuditOutlined /> } },
  { path: 'policy-values', roles: ['admin', 'official'], element: <PolicyValuesPage />, nav: { label: 'support.policy.title', icon: <SolutionOutlined /> } },
  { path: 'workflows', roles: ['worker', 'official', 'admin'], element: <OpenWorkflowsPage />, nav: { label: 'workflows.worklist.title', icon: <FileDoneOutlined /> } },
  // 就业帮扶项目 (issue 21)
  { path: 'programmes/labour-export', roles: ['worker', 'official', 'admin'], element: <LabourExportPage />, nav: { label: 'programmes.nav.labourExport', icon: <CarOutlined /> } },
  { path: 'programmes/labour-export/:id', roles: ['worker', 'official', 'admin'], element: <BatchPage /> },
  { path: 'programmes/labour-export/members/:id', roles: ['worker', 'official', 'admin'], element: <FollowupPage /> },
  { path: 'programmes/welfare-posts', roles: ['worker', 'official', 'admin'], element: <WelfarePostsPage />, nav: { label: 'programmes.nav.welfarePosts', icon: <HeartOutlined /> } },
  { path: 'programmes/welfare-posts/:id', roles: ['worker', 'official', 'admin'], element: <WelfarePostPage /> },
  { path: 'programmes/workshops', roles: ['worker', 'official', 'admin', 'employer'], element: <WorkshopsPage />, nav: { label: 'programmes.nav.workshops', icon: <ToolOutlined /> } },
  { path: 'programmes/workshops/:id', roles: ['worker', 'official', 'admin', 'employer'], element: <WorkshopPage /> },
  { path: 'programmes/subsidies', roles: ['worker', 'official', 'admin'], element: <SubsidiesPage />, nav: { label: 'programmes.nav.subsidies', icon: <AccountBookOutlined /> } },
  { path: 'programmes/employer-migrants', roles: ['employer'], element: <EmployerMigrantsPage />, nav: { label: 'programmes.nav.employerMigrants', icon: <CarOutlined /> } },  { path: 'programmes/welfare-posts/assignments/:id', roles: ['worker', 'admin'], element: <AssignmentRotationPage /> },
];

/**
 * The phone's bottom tab bar (under 720 px): 首页 and these three per role; the rest of the
 * role's menu opens under 「更多」.
 */
const tabPaths: Record<Role, readonly string[]> = {
  resident: ['/jobs', '/applications', '/training'],
  helper: ['/my-residents', '/jobs', '/applications'],
  employer: ['/postings', '/candidates'],
  worker: ['/tracking/worklist', '/registry/households', '/tracking/sites'],
  official: ['/tracking/sites', '/tracking/worklist', '/registry/households'],
  admin: ['/accounts', '/registry/households', '/tracking/worklist'],
};

/** The role's menu split for the phone: the tabs (in `tabPaths` order) and the rest (menu order). */
export function tabsFor(role: Role) {
  const nav = navFor(role);
  const tabs = tabPaths[role].flatMap((path) => nav.filter((item) => item.path === path));
  return { tabs, more: nav.filter((item) => !tabPaths[role].includes(item.path)) };
}

/** The menu of one role, in the order above. */
export function navFor(role: Role) {
  return appRoutes
    .filter((route) => route.nav && route.roles.includes(role))
    .map((route) => ({
      path: `/${route.path}`,
      label: route.nav?.labelFor?.[role] ?? (route.nav?.label as string),
      icon: route.nav?.icon,
    }));
}
