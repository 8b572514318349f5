import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Divider,
  Group,
  Loader,
  Modal,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../contracts/common.ts';
import { FIELD_LABELS } from '../../../contracts/fieldLabels.ts';
import type { User } from '../../../contracts/users.ts';
import { ApiError, api } from '../../api.ts';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { isConflict, notifySuccess, showApiError } from '../../errors.ts';
import { currentLocale, formatDateTime } from '../../format.ts';
import { userKeys, useUser } from './queries.ts';

const label = (field: string) => FIELD_LABELS[field]?.[currentLocale()] ?? field;
const empty = (v: string) => (v.trim() === '' ? null : v.trim());

function useRoleOptions() {
  const { t } = useTranslation();
  return ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));
}

interface GrantRow {
  key: number;
  unitId: number | null;
  role: Role;
}

export function CreateUserModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const roles = useRoleOptions();
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: {
      username: '',
      fullName: '',
      title: '',
      unitId: null as number | null,
      email: '',
      phone: '',
      password: '',
      grants: [] as GrantRow[],
    },
    validate: {
      username: (v) => (/^[a-z0-9._-]{3,60}$/.test(v.trim().toLowerCase()) ? null : label('username')),
      fullName: (v) => (v.trim() ? null : t('login.required', { field: label('fullName').toLowerCase() })),
      password: (v) => (v ? null : t('login.required', { field: label('password').toLowerCase() })),
    },
  });

  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    try {
      const created = await api.post<User>('/api/users', {
        username: v.username.trim().toLowerCase(),
        fullName: v.fullName.trim(),
        title: empty(v.title),
        unitId: v.unitId,
        email: empty(v.email),
        phone: empty(v.phone),
        password: v.password,
        grants: v.grants.map((g) => ({ unitId: g.unitId, role: g.role })),
      });
      await queryClient.invalidateQueries({ queryKey: userKeys.all });
      notifySuccess(t('users.created', { name: created.fullName }));
      onClose();
      void navigate({ to: '/users/$userId', params: { userId: String(created.id) } });
    } catch (error) {
      showApiError(error, form);
    } finally {
      setBusy(false);
    }
  });

  return (
    <Modal opened onClose={onClose} title={t('users.create')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={label('username')}
              required
              autoCapitalize="none"
              spellCheck={false}
              description="a-z 0-9 . _ -"
              {...form.getInputProps('username')}
            />
            <TextInput label={label('fullName')} required {...form.getInputProps('fullName')} />
            <TextInput label={label('title')} {...form.getInputProps('title')} />
            <UnitSelect
              label={label('unitId')}
              value={form.values.unitId}
              onChange={(v) => form.setFieldValue('unitId', v)}
              error={form.errors.unitId}
            />
            <TextInput label={label('email')} type="email" {...form.getInputProps('email')} />
            <TextInput label={label('phone')} type="tel" {...form.getInputProps('phone')} />
          </SimpleGrid>
          <PasswordInput
            label={t('users.password')}
            description={t('users.passwordHint')}
            required
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
          <Divider label={t('users.grants')} labelPosition="left" />
          {form.values.grants.map((g, i) => (
            <Group key={g.key} align="flex-end" wrap="nowrap" gap="xs">
              <div style={{ flex: 2, minWidth: 0 }}>
                <UnitSelect
                  label={t('users.grantUnit')}
                  description={t('users.grantUnitHint')}
                  value={g.unitId}
                  onChange={(v) => form.setFieldValue(`grants.${i}.unitId`, v)}
                  error={form.errors[`grants.${i}.unitId`]}
                />
              </div>
              <div style={{ flex: 1, minWidth: 0 }}>
                <Select
                  label={t('users.grantRole')}
                  data={roles}
                  allowDeselect={false}
                  {...form.getInputProps(`grants.${i}.role`)}
                />
              </div>
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                mb={2}
                aria-label={t('common.delete')}
                onClick={() => form.removeListItem('grants', i)}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Button
            variant="light"
            leftSection={<IconPlus size={14} />}
            size="xs"
            style={{ alignSelf: 'flex-start' }}
            onClick={() =>
              form.insertListItem('grants', { key: Date.now(), unitId: form.values.unitId, role: 'officer' })
            }
          >
            {t('users.addGrant')}
          </Button>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function UserDetail({ userId }: { userId: number }) {
  const { t } = useTranslation();
  const { data: user, isPending, error } = useUser(userId);
  if (isPending) return <Loader size="sm" aria-label={t('app.loading')} />;
  if (error || !user) {
    const notFound = error instanceof ApiError && error.status === 404;
    return (
      <Alert color={notFound ? 'gray' : 'red'}>{notFound ? t('common.noResults') : error?.message}</Alert>
    );
  }
  return (
    <Stack>
      <div>
        <Title order={2} size="h3">
          {user.fullName}
        </Title>
        <Text c="dimmed" size="sm">
          {user.username}
          {user.title ? ` · ${user.title}` : ''}
        </Text>
        <Group gap="xs" mt={4}>
          {user.disabled ? (
            <Badge color="gray">{t('users.disabled')}</Badge>
          ) : (
            <Badge color="teal" variant="light">
              {t('users.active')}
            </Badge>
          )}
          <Badge variant="light" color={user.totpEnabled ? 'teal' : 'gray'} tt="none">
            {t('users.totp')}: {user.totpEnabled ? t('common.yes') : t('common.no')}
          </Badge>
          <Text size="xs" c="dimmed">
            {t('users.lastLogin')}: {user.lastLoginAt ? formatDateTime(user.lastLoginAt) : t('users.never')}
          </Text>
        </Group>
      </div>
      {user.abilities.update ? (
        <EditUserForm user={user} />
      ) : (
        <Card withBorder>
          <Text size="sm">
            {t('users.unit')}: {user.unit?.name ?? '—'}
          </Text>
          <Text size="sm">
            {t('users.email')}: {user.email ?? '—'}
          </Text>
          <Text size="sm">
            {t('users.phone')}: {user.phone ?? '—'}
          </Text>
        </Card>
      )}
      <GrantsCard user={user} />
      {user.abilities.resetPassword && <ResetPasswordCard user={user} />}
      {user.abilities.delete && <DeleteUser user={user} />}
    </Stack>
  );
}

function userValues(user: User) {
  return {
    fullName: user.fullName,
    title: user.title ?? '',
    unitId: user.unit?.id ?? null,
    email: user.email ?? '',
    phone: user.phone ?? '',
    disabled: user.disabled,
    version: user.version,
  };
}

function EditUserForm({ user }: { user: User }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState(false);
  const form = useForm({
    initialValues: userValues(user),
    validate: {
      fullName: (v) => (v.trim() ? null : t('login.required', { field: label('fullName').toLowerCase() })),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    try {
      const updated = await api.patch<User>(`/api/users/${user.id}`, {
        fullName: v.fullName.trim(),
        title: empty(v.title),
        unitId: v.unitId,
        email: empty(v.email),
        phone: empty(v.phone),
        disabled: v.disabled,
        version: v.version,
      });
      queryClient.setQueryData(userKeys.detail(user.id), updated);
      form.setInitialValues(userValues(updated));
      form.setValues(userValues(updated));
      setConflict(false);
      await queryClient.invalidateQueries({ queryKey: ['users', 'list'] });
      notifySuccess(t('users.updated'));
    } catch (error) {
      if (isConflict(error)) {
        // Keep the user's input; take the latest version so saving again overwrites knowingly.
        const latest = await api.get<User>(`/api/users/${user.id}`).catch(() => null);
        if (latest) {
          // Fields the user did not touch take the other person's values.
          queryClient.setQueryData(userKeys.detail(user.id), latest);
          const fresh = userValues(latest);
          const current = form.getValues();
          const merged = { ...fresh };
          for (const key of Object.keys(fresh) as Array<keyof typeof fresh>) {
            if (key !== 'version' && form.isDirty(key)) Object.assign(merged, { [key]: current[key] });
          }
          form.setInitialValues(fresh);
          form.setValues(merged);
        }
        setConflict(true);
      }
      showApiError(error, form);
    } finally {
      setBusy(false);
    }
  });
  return (
    <Card withBorder component="section" aria-labelledby="user-edit-title">
      <Title order={3} size="h5" mb="sm" id="user-edit-title">
        {t('users.edit')}
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {conflict && (
            <Alert color="orange" title={t('common.conflictTitle')}>
              {t('common.conflict')}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={label('fullName')} required {...form.getInputProps('fullName')} />
            <TextInput label={label('title')} {...form.getInputProps('title')} />
            <UnitSelect
              label={label('unitId')}
              value={form.values.unitId}
              includeClosed
              onChange={(v) => form.setFieldValue('unitId', v)}
              error={form.errors.unitId}
            />
            <TextInput label={label('email')} type="email" {...form.getInputProps('email')} />
            <TextInput label={label('phone')} type="tel" {...form.getInputProps('phone')} />
          </SimpleGrid>
          <Switch
            label={t('users.disableAccount')}
            {...form.getInputProps('disabled', { type: 'checkbox' })}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={busy}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function GrantsCard({ user }: { user: User }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const roles = useRoleOptions();
  const [busy, setBusy] = useState(false);
  const form = useForm({ initialValues: { unitId: user.unit?.id ?? null, role: 'officer' as Role } });
  const done = async (updated: User, message: string) => {
    queryClient.setQueryData(userKeys.detail(user.id), updated);
    await queryClient.invalidateQueries({ queryKey: ['users', 'list'] });
    notifySuccess(message);
  };
  const add = form.onSubmit(async (v) => {
    setBusy(true);
    try {
      await done(await api.post<User>(`/api/users/${user.id}/grants`, v), t('users.grantAdded'));
    } catch (error) {
      showApiError(error, form);
    } finally {
      setBusy(false);
    }
  });
  const remove = async (grantId: number) => {
    try {
      await done(await api.delete<User>(`/api/users/${user.id}/grants/${grantId}`), t('users.grantRemoved'));
    } catch (error) {
      showApiError(error);
    }
  };
  return (
    <Card withBorder component="section" aria-labelledby="user-grants-title">
      <Title order={3} size="h5" mb="sm" id="user-grants-title">
        {t('users.grants')}
      </Title>
      <Stack gap="xs">
        {user.grants.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('users.noGrants')}
          </Text>
        )}
        {user.grants.map((g) => {
          const unitName = g.unit?.name ?? t('users.systemWide');
          return (
            <Group key={g.id} justify="space-between" wrap="nowrap">
              <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
                <Badge variant="light" color={g.role === 'admin' ? 'red' : 'brand'} tt="none">
                  {t(`roles.${g.role}`)}
                </Badge>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {unitName}
                </Text>
              </Group>
              {user.abilities.manageGrants && (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  onClick={() => void remove(g.id)}
                  aria-label={t('users.removeGrant', { role: t(`roles.${g.role}`), unit: unitName })}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              )}
            </Group>
          );
        })}
        {user.abilities.manageGrants && (
          <form onSubmit={add} noValidate>
            <Group align="flex-end" gap="xs" mt="xs">
              <div style={{ flex: 2, minWidth: 180 }}>
                <UnitSelect
                  label={t('users.grantUnit')}
                  description={t('users.grantUnitHint')}
                  value={form.values.unitId}
                  onChange={(v) => form.setFieldValue('unitId', v)}
                  error={form.errors.unitId}
                />
              </div>
              <div style={{ flex: 1, minWidth: 120 }}>
                <Select
                  label={t('users.grantRole')}
                  data={roles}
                  allowDeselect={false}
                  {...form.getInputProps('role')}
                />
              </div>
              <Button type="submit" loading={busy} leftSection={<IconPlus size={14} />}>
                {t('users.addGrant')}
              </Button>
            </Group>
          </form>
        )}
      </Stack>
    </Card>
  );
}

function ResetPasswordCard({ user }: { user: User }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { newPassword: '' },
    validate: {
      newPassword: (v) => (v ? null : t('login.required', { field: label('newPassword').toLowerCase() })),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    try {
      await api.post(`/api/users/${user.id}/reset-password`, v);
      form.reset();
      await queryClient.invalidateQueries({ queryKey: userKeys.detail(user.id) });
      notifySuccess(t('users.passwordReset'));
    } catch (error) {
      showApiError(error, form);
    } finally {
      setBusy(false);
    }
  });
  return (
    <Card withBorder component="section" aria-labelledby="user-reset-title">
      <Title order={3} size="h5" mb="sm" id="user-reset-title">
        {t('users.resetPassword')}
      </Title>
      <form onSubmit={submit} noValidate>
        <Group align="flex-end" gap="xs">
          <PasswordInput
            label={t('users.newPassword')}
            autoComplete="new-password"
            style={{ flex: 1, minWidth: 200 }}
            {...form.getInputProps('newPassword')}
          />
          <Button type="submit" variant="default" loading={busy}>
            {t('users.resetPassword')}
          </Button>
        </Group>
      </form>
    </Card>
  );
}

function DeleteUser({ user }: { user: User }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    try {
      await api.delete(`/api/users/${user.id}`);
      queryClient.removeQueries({ queryKey: userKeys.detail(user.id) });
      await queryClient.invalidateQueries({ queryKey: userKeys.all });
      notifySuccess(t('users.deleted', { name: user.fullName }));
      void navigate({ to: '/users' });
    } catch (error) {
      showApiError(error);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  return (
    <>
      <Button
        color="red"
        variant="subtle"
        leftSection={<IconTrash size={16} />}
        style={{ alignSelf: 'flex-start' }}
        onClick={() => setConfirming(true)}
      >
        {t('common.delete')}
      </Button>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('common.delete')}>
        <Stack>
          <Text>{t('users.deleteConfirm', { name: user.fullName })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={busy} onClick={() => void remove()}>
              {t('common.delete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
