import {
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
} from '@tanstack/react-router';
import { AppLayout } from './components/AppLayout.tsx';
import { NotFound } from './components/NotFound.tsx';
import { LoginPage } from './features/auth/LoginPage.tsx';
import { validateReportsSearch } from './features/reports/search.ts';

const rootRoute = createRootRoute({ component: Outlet, notFoundComponent: NotFound });

export const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (search: Record<string, unknown>): { redirect?: string } =>
    typeof search.redirect === 'string' && search.redirect.startsWith('/')
      ? { redirect: search.redirect }
      : {},
  component: LoginPage,
});

const appRoute = createRoute({ getParentRoute: () => rootRoute, id: 'app', component: AppLayout });

const dashboardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  component: lazyRouteComponent(() => import('./features/dashboard/DashboardPage.tsx'), 'DashboardPage'),
});

const UnitsPage = lazyRouteComponent(() => import('./features/units/UnitsPage.tsx'), 'UnitsPage');
const unitsRoute = createRoute({ getParentRoute: () => appRoute, path: '/units', component: UnitsPage });
export const unitRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/units/$unitId',
  component: UnitsPage,
});

const UsersPage = lazyRouteComponent(() => import('./features/users/UsersPage.tsx'), 'UsersPage');
const usersRoute = createRoute({ getParentRoute: () => appRoute, path: '/users', component: UsersPage });
export const userRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/users/$userId',
  component: UsersPage,
});

const auditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/audit',
  component: lazyRouteComponent(() => import('./features/audit/AuditPage.tsx'), 'AuditPage'),
});

const profileRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/profile',
  component: lazyRouteComponent(() => import('./features/profile/ProfilePage.tsx'), 'ProfilePage'),
});

const AgreementsPage = lazyRouteComponent(
  () => import('./features/agreements/AgreementsPage.tsx'),
  'AgreementsPage',
);
const agreementsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/agreements',
  component: AgreementsPage,
});
const agreementRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/agreements/$agreementId',
  component: lazyRouteComponent(
    () => import('./features/agreements/AgreementDetailPage.tsx'),
    'AgreementDetailPage',
  ),
});
const agreementNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/agreements/new',
  component: lazyRouteComponent(() => import('./features/agreements/AgreementForm.tsx'), 'AgreementNewPage'),
});
const agreementEditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/agreements/$agreementId/edit',
  component: lazyRouteComponent(() => import('./features/agreements/AgreementForm.tsx'), 'AgreementEditPage'),
});
const agreementDashboardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/agreements/$agreementId/dashboard',
  component: lazyRouteComponent(() => import('./features/dashboards/pages.tsx'), 'AgreementDashboardPage'),
});
const unitDashboardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/units/$unitId/dashboard',
  component: lazyRouteComponent(
    () => import('./features/dashboards/UnitDashboardPage.tsx'),
    'UnitDashboardPage',
  ),
});
const formStatusRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/forms/$formId/status',
  component: lazyRouteComponent(() => import('./features/dashboards/pages.tsx'), 'FormStatusPage'),
});
const indicatorsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/indicators',
  component: lazyRouteComponent(() => import('./features/indicators/IndicatorsPage.tsx'), 'IndicatorsPage'),
});
const reportsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/reports',
  validateSearch: validateReportsSearch,
  component: lazyRouteComponent(() => import('./features/reports/ReportsPage.tsx'), 'ReportsPage'),
});
const reportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/reports/$reportId',
  component: lazyRouteComponent(() => import('./features/reports/ReportPage.tsx'), 'ReportPage'),
});
const legalRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/legal',
  component: lazyRouteComponent(() => import('./features/legal/LegalPage.tsx'), 'LegalPage'),
});
const taskRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/tasks/$taskId',
  component: lazyRouteComponent(() => import('./features/tasks/TaskDetailPage.tsx'), 'TaskDetailPage'),
});
const myTasksRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/my-tasks',
  component: lazyRouteComponent(() => import('./features/tasks/MyTasksPage.tsx'), 'MyTasksPage'),
});
const reviewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/reviews/$reviewId',
  component: lazyRouteComponent(() => import('./features/reviews/ReviewPage.tsx'), 'ReviewPage'),
});

const meetingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/meetings',
  component: lazyRouteComponent(() => import('./features/meetings/MeetingsPage.tsx'), 'MeetingsPage'),
});
const meetingNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/meetings/new',
  component: lazyRouteComponent(() => import('./features/meetings/MeetingForm.tsx'), 'MeetingNewPage'),
});
const meetingRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/meetings/$meetingId',
  component: lazyRouteComponent(() => import('./features/meetings/MeetingPage.tsx'), 'MeetingPage'),
});
const meetingEditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/meetings/$meetingId/edit',
  component: lazyRouteComponent(() => import('./features/meetings/MeetingForm.tsx'), 'MeetingEditPage'),
});
const awardsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/awards',
  component: lazyRouteComponent(() => import('./features/awards/AwardsPage.tsx'), 'AwardsPage'),
});

const bulletinsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/bulletins',
  component: lazyRouteComponent(() => import('./features/exchange/BulletinsPage.tsx'), 'BulletinsPage'),
});
const bulletinNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/bulletins/new',
  component: lazyRouteComponent(() => import('./features/exchange/ComposePage.tsx'), 'ComposePage'),
});
const bulletinRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/bulletins/$bulletinId',
  component: lazyRouteComponent(() => import('./features/exchange/BulletinPage.tsx'), 'BulletinPage'),
});
const notificationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/notifications',
  component: lazyRouteComponent(
    () => import('./features/notifications/NotificationsPage.tsx'),
    'NotificationsPage',
  ),
});

const routeTree = rootRoute.addChildren([
  loginRoute,
  appRoute.addChildren([
    dashboardRoute,
    unitsRoute,
    unitRoute,
    usersRoute,
    userRoute,
    auditRoute,
    profileRoute,
    agreementsRoute,
    agreementRoute,
    agreementNewRoute,
    agreementEditRoute,
    agreementDashboardRoute,
    formStatusRoute,
    unitDashboardRoute,
    indicatorsRoute,
    reportsRoute,
    reportRoute,
    legalRoute,
    taskRoute,
    myTasksRoute,
    meetingsRoute,
    meetingNewRoute,
    meetingRoute,
    meetingEditRoute,
    awardsRoute,
    reviewRoute,
    bulletinsRoute,
    bulletinNewRoute,
    bulletinRoute,
    notificationsRoute,
  ]),
]);

export const router = createRouter({ routeTree, defaultPreload: 'intent', scrollRestoration: true });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
