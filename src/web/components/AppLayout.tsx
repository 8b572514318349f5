import {
  Alert,
  AppShell,
  Avatar,
  Badge,
  Burger,
  Center,
  Group,
  Loader,
  Menu,
  NavLink,
  ScrollArea,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAward,
  IconCalendarEvent,
  IconChecklist,
  IconChevronDown,
  IconFileCertificate,
  IconGavel,
  IconHome,
  IconListCheck,
  IconListNumbers,
  IconLogout,
  IconMessages,
  IconReportAnalytics,
  IconSitemap,
  IconTimeline,
  IconUserCircle,
  IconUsers,
} from '@tabler/icons-react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from '@tanstack/react-router';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { signOut, useMe } from '../auth.ts';
import { NotificationBell } from '../features/notifications/Bell.tsx';
import { useLiveUpdates } from '../features/notifications/live.ts';
import { applyLocale } from '../i18n/index.ts';
import classes from './AppLayout.module.css';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export function AppLayout() {
  const { t } = useTranslation();
  const { data: me, isPending, error } = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const [opened, { toggle, close }] = useDisclosure(false);
  const localeApplied = useRef(false);
  // One live stream (Server-Sent Events) per signed-in page: new bulletins, notifications.
  useLiveUpdates(Boolean(me));

  // The account's saved language wins once per page load.
  useEffect(() => {
    if (me && !localeApplied.current) {
      localeApplied.current = true;
      applyLocale(me.user.locale);
    }
  }, [me]);

  // A new page closes the mobile menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on path change only
  useEffect(() => close(), [location.pathname]);

  if (isPending) {
    return (
      <Center h="100vh" role="status" aria-live="polite">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (error) {
    return (
      <Center h="100vh" p="md">
        <Alert color="red" title={t('common.error')}>
          {error.message}
        </Alert>
      </Center>
    );
  }
  if (!me) {
    const here = location.href;
    return <Navigate to="/login" search={here && here !== '/' ? { redirect: here } : {}} replace />;
  }

  const path = location.pathname;
  const item = (to: string, label: string, icon: ReactNode, exact = false) => {
    const active = exact ? path === to : path === to || path.startsWith(`${to}/`);
    return (
      <NavLink
        key={to}
        component={Link}
        to={to}
        label={label}
        leftSection={icon}
        active={active}
        aria-current={active ? 'page' : undefined}
        className={classes.navLink}
      />
    );
  };
  const soon = (label: string, icon: ReactNode) => (
    <NavLink
      key={label}
      component="div"
      label={label}
      leftSection={icon}
      disabled
      aria-disabled
      rightSection={
        <Badge size="xs" variant="light" color="gray">
          {t('nav.comingSoon')}
        </Badge>
      }
    />
  );

  const logout = async () => {
    await signOut();
    void navigate({ to: '/login' });
  };

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'xs', sm: 'md' }}
    >
      <a href="#main" className={classes.skip}>
        {t('app.skipToContent')}
      </a>
      <AppShell.Header className={classes.header}>
        <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              color="white"
              aria-label={opened ? t('app.closeMenu') : t('app.openMenu')}
              aria-expanded={opened}
            />
            <UnstyledButton component={Link} to="/" className={classes.brand}>
              <span className={classes.logo} aria-hidden>
                PH
              </span>
              <span>
                <Text component="span" fw={700} size="lg" c="white" display="block" lh={1.1}>
                  {t('app.name')}
                </Text>
                <Text component="span" size="xs" c="brand.1" visibleFrom="md" display="block">
                  {t('app.tagline')}
                </Text>
              </span>
            </UnstyledButton>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitch />
            <NotificationBell />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton className={classes.userButton}>
                  <Group gap={6} wrap="nowrap">
                    <Avatar size={30} color="brand" variant="white" radius="xl" aria-hidden>
                      {initials(me.user.fullName)}
                    </Avatar>
                    <Text size="sm" c="white" visibleFrom="md" maw={180} truncate>
                      {me.user.fullName}
                    </Text>
                    <VisuallyHidden hiddenFrom="md">{me.user.fullName}</VisuallyHidden>
                    <IconChevronDown size={14} color="white" aria-hidden />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>
                  {me.user.fullName}
                  {me.user.unit ? ` — ${me.user.unit.shortName ?? me.user.unit.name}` : ''}
                </Menu.Label>
                <Menu.Item component={Link} to="/profile" leftSection={<IconUserCircle size={16} />}>
                  {t('nav.profile')}
                </Menu.Item>
                <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void logout()}>
                  {t('nav.logout')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.main')} component="nav">
        <AppShell.Section grow component={ScrollArea}>
          {item('/', t('nav.dashboard'), <IconHome size={18} />, true)}
          {item('/my-tasks', t('nav.myTasks'), <IconChecklist size={18} />)}
          {item('/reports', t('nav.reports'), <IconReportAnalytics size={18} />)}
          {item('/agreements', t('nav.agreements'), <IconFileCertificate size={18} />)}
          {item('/indicators', t('reports.ind.title'), <IconListNumbers size={18} />)}
          {item('/bulletins', t('nav.exchange'), <IconMessages size={18} />)}
          {item('/meetings', t('nav.meetings'), <IconCalendarEvent size={18} />)}
          {item('/awards', t('meetings.awards.title'), <IconAward size={18} />)}
          {item('/legal', t('legal.nav'), <IconGavel size={18} />)}
          {me.abilities.units.read && item('/units', t('nav.units'), <IconSitemap size={18} />)}
          {me.abilities.users.read && item('/users', t('nav.users'), <IconUsers size={18} />)}
          {me.abilities.audit.read && item('/audit', t('nav.audit'), <IconListCheck size={18} />)}
          <div className={classes.divider} />
          {soon(t('nav.plans'), <IconTimeline size={18} />)}
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} className={classes.main}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  const last = parts[parts.length - 1] ?? '';
  const first = parts.length > 1 ? (parts[0] ?? '') : '';
  return `${first.charAt(0)}${last.charAt(0)}`.toUpperCase();
}
