import {
  Alert,
  Badge,
  Button,
  Card,
  Drawer,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../contracts/users.ts';
import { useSignedInMe } from '../../auth.ts';
import { Pager } from '../../components/Pager.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { formatDateTime, formatNumber } from '../../format.ts';
import { PAGE_SIZE, useUsers } from './queries.ts';
import { CreateUserModal, UserDetail } from './UserForms.tsx';

export function UsersPage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const navigate = useNavigate();
  const params = useParams({ strict: false });
  const selectedId = params.userId && /^\d+$/.test(params.userId) ? Number(params.userId) : null;
  const [query, setQuery] = useState('');
  const [q] = useDebouncedValue(query.trim(), 300);
  const [unitId, setUnitId] = useState<number | null>(null);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const narrow = useMediaQuery('(max-width: 48em)');
  const { data, isPending, error } = useUsers(q, unitId, (page - 1) * PAGE_SIZE);

  const open = (u: User) => void navigate({ to: '/users/$userId', params: { userId: String(u.id) } });

  return (
    <>
      <PageTitle
        actions={
          me.abilities.users.create ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} size="sm">
              {t('users.create')}
            </Button>
          ) : undefined
        }
      >
        {t('users.title')}
      </PageTitle>
      <Card withBorder padding="sm" mb="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('users.search')}
            description={t('common.searchHint')}
            placeholder={t('users.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            type="search"
            value={query}
            onChange={(e) => {
              setQuery(e.currentTarget.value);
              setPage(1);
            }}
          />
          <UnitSelect
            label={t('users.filterUnit')}
            description={t('common.searchHint')}
            value={unitId}
            includeClosed
            onChange={(v) => {
              setUnitId(v);
              setPage(1);
            }}
          />
        </SimpleGrid>
      </Card>
      {isPending ? (
        <Loader aria-label={t('app.loading')} />
      ) : error ? (
        <Alert color="red">{error.message}</Alert>
      ) : (
        <Card withBorder padding={0}>
          <Text size="sm" c="dimmed" p="sm" aria-live="polite">
            {t('common.total', { n: formatNumber(data.total) })}
          </Text>
          {data.items.length === 0 ? (
            <Text p="sm" c="dimmed">
              {t('common.noResults')}
            </Text>
          ) : narrow ? (
            <Stack gap={0} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {data.items.map((u) => (
                <li key={u.id} style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
                  <UnstyledButton
                    onClick={() => open(u)}
                    p="sm"
                    w="100%"
                    aria-label={t('users.open', { name: u.fullName })}
                  >
                    <Group justify="space-between" wrap="nowrap" align="flex-start">
                      <div>
                        <Text fw={600} size="sm">
                          {u.fullName}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {u.username}
                          {u.unit ? ` · ${u.unit.name}` : ''}
                        </Text>
                        <Grants user={u} />
                      </div>
                      {u.disabled && (
                        <Badge color="gray" size="sm">
                          {t('users.disabled')}
                        </Badge>
                      )}
                    </Group>
                  </UnstyledButton>
                </li>
              ))}
            </Stack>
          ) : (
            <Table.ScrollContainer minWidth={900}>
              <Table highlightOnHover verticalSpacing="xs" fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('users.fullName')}</Table.Th>
                    <Table.Th>{t('users.username')}</Table.Th>
                    <Table.Th>{t('users.unit')}</Table.Th>
                    <Table.Th>{t('users.grants')}</Table.Th>
                    <Table.Th>{t('users.lastLogin')}</Table.Th>
                    <Table.Th>{t('users.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((u) => (
                    <Table.Tr key={u.id} bg={u.id === selectedId ? 'brand.0' : undefined}>
                      <Table.Td>
                        <UnstyledButton onClick={() => open(u)} fw={600} c="brand.8" fz="sm" td="underline">
                          {u.fullName}
                        </UnstyledButton>
                        {u.title && (
                          <Text size="xs" c="dimmed">
                            {u.title}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{u.username}</Table.Td>
                      <Table.Td>{u.unit?.name ?? '—'}</Table.Td>
                      <Table.Td>
                        <Grants user={u} />
                      </Table.Td>
                      <Table.Td>{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : t('users.never')}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {u.disabled ? (
                          <Badge color="gray">{t('users.disabled')}</Badge>
                        ) : (
                          <Badge color="teal" variant="light">
                            {t('users.active')}
                          </Badge>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Pager total={data.total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
        </Card>
      )}
      <Drawer
        opened={selectedId !== null}
        onClose={() => void navigate({ to: '/users' })}
        position="right"
        size={narrow ? '100%' : 'xl'}
        title={t('users.details')}
      >
        {selectedId !== null && <UserDetail key={selectedId} userId={selectedId} />}
      </Drawer>
      {creating && <CreateUserModal onClose={() => setCreating(false)} />}
    </>
  );
}

function Grants({ user }: { user: User }) {
  const { t } = useTranslation();
  if (user.grants.length === 0)
    return (
      <Text size="xs" c="dimmed">
        {t('users.noGrants')}
      </Text>
    );
  return (
    <Group gap={4} mt={2}>
      {user.grants.map((g) => (
        <Badge
          key={g.id}
          size="sm"
          variant="light"
          color={g.role === 'admin' ? 'red' : 'brand'}
          h="auto"
          py={2}
          styles={{ label: { whiteSpace: 'normal', overflow: 'visible' } }}
        >
          {t(`roles.${g.role}`)} · {g.unit?.shortName ?? g.unit?.name ?? t('users.systemWide')}
        </Badge>
      ))}
    </Group>
  );
}
