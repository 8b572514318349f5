import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  List,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import {
  IconCalendarEvent,
  IconFileCertificate,
  IconMessages,
  IconReportAnalytics,
  IconTimeline,
} from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignedInMe } from '../../auth.ts';
import { PageTitle } from '../../components/PageTitle.tsx';

export function DashboardPage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const upcoming: Array<[string, ReactNode]> = [
    [t('nav.agreements'), <IconFileCertificate key="a" size={20} />],
    [t('nav.plans'), <IconTimeline key="p" size={20} />],
    [t('nav.reports'), <IconReportAnalytics key="r" size={20} />],
    [t('nav.meetings'), <IconCalendarEvent key="m" size={20} />],
    [t('nav.exchange'), <IconMessages key="e" size={20} />],
  ];
  return (
    <Stack maw={1100}>
      <PageTitle>{t('nav.dashboard')}</PageTitle>
      {me.user.mustChangePassword && (
        <Alert color="orange" title={t('dashboard.mustChangePassword')}>
          <Button component={Link} to="/profile" size="xs" mt="xs">
            {t('dashboard.goProfile')}
          </Button>
        </Alert>
      )}
      <Card withBorder padding="lg">
        <Title order={2} size="h3" mb="xs">
          {t('dashboard.welcome', { name: me.user.fullName })}
        </Title>
        <Text c="dimmed">{t('dashboard.intro')}</Text>
      </Card>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder padding="lg">
          <Title order={2} size="h4" mb="sm">
            {t('dashboard.yourUnit')}
          </Title>
          <Text fw={500}>{me.user.unit?.name ?? t('dashboard.systemWide')}</Text>
          {me.user.title && <Text c="dimmed">{me.user.title}</Text>}
          {me.abilities.units.read && (
            <Button
              component={Link}
              to={me.user.unit ? `/units/${me.user.unit.id}` : '/units'}
              variant="light"
              mt="md"
            >
              {t('dashboard.quickUnits')}
            </Button>
          )}
        </Card>
        <Card withBorder padding="lg">
          <Title order={2} size="h4" mb="sm">
            {t('dashboard.yourGrants')}
          </Title>
          {me.grants.length === 0 ? (
            <Text c="dimmed">{t('dashboard.noGrants')}</Text>
          ) : (
            <List spacing="xs">
              {me.grants.map((g) => (
                <List.Item key={`${g.unit?.id ?? 0}-${g.role}`}>
                  <Group gap="xs" wrap="wrap">
                    <Badge variant="light">{t(`roles.${g.role}`)}</Badge>
                    <Text size="sm">{g.unit?.name ?? t('dashboard.systemWide')}</Text>
                  </Group>
                </List.Item>
              ))}
            </List>
          )}
        </Card>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }}>
        {upcoming.map(([label, icon]) => (
          <Card key={label} withBorder padding="md">
            <Group gap="sm" wrap="nowrap">
              <ThemeIcon variant="light" size="lg" color="gray" aria-hidden>
                {icon}
              </ThemeIcon>
              <div>
                <Text size="sm" fw={500}>
                  {label}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('nav.comingSoon')}
                </Text>
              </div>
            </Group>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
