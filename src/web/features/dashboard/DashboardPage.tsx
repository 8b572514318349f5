import { Alert, Badge, Button, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useSignedInMe } from '../../auth.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { HomeOverview } from '../dashboards/HomeOverview.tsx';

export function DashboardPage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
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
        <Text c="dimmed">{t('dashboards.home.intro')}</Text>
      </Card>
      <HomeOverview />
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
    </Stack>
  );
}
