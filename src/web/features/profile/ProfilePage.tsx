import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Image,
  Modal,
  PasswordInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCheck, IconCopy, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { meKey, useSignedInMe } from '../../auth.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { notifySuccess, showApiError } from '../../errors.ts';
import { formatDate, formatDateTime } from '../../format.ts';
import { DateField } from '../units/UnitForms.tsx';

interface ApiToken {
  id: number;
  name: string;
  prefix: string;
  scopes: Array<'read' | 'write'>;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export function ProfilePage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  return (
    <Stack maw={960}>
      <PageTitle>{t('profile.title')}</PageTitle>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('profile.account')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <Text size="sm">
            <Text span c="dimmed">
              {t('users.fullName')}:{' '}
            </Text>
            {me.user.fullName}
          </Text>
          <Text size="sm">
            <Text span c="dimmed">
              {t('users.username')}:{' '}
            </Text>
            {me.user.username}
          </Text>
          <Text size="sm">
            <Text span c="dimmed">
              {t('users.title_')}:{' '}
            </Text>
            {me.user.title ?? '—'}
          </Text>
          <Text size="sm">
            <Text span c="dimmed">
              {t('users.unit')}:{' '}
            </Text>
            {me.user.unit?.name ?? '—'}
          </Text>
        </SimpleGrid>
        <Group gap={6} mt="sm">
          {me.grants.map((g) => (
            <Badge key={`${g.unit?.id ?? 0}-${g.role}`} variant="light" tt="none">
              {t(`roles.${g.role}`)} · {g.unit?.name ?? t('users.systemWide')}
            </Badge>
          ))}
        </Group>
      </Card>
      <ChangePassword />
      <Totp enabled={me.user.totpEnabled} />
      <Tokens />
    </Stack>
  );
}

function ChangePassword() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: {
      currentPassword: (v) =>
        v ? null : t('login.required', { field: t('profile.currentPassword').toLowerCase() }),
      newPassword: (v) => (v ? null : t('login.required', { field: t('profile.newPassword').toLowerCase() })),
      confirm: (v, values) => (v === values.newPassword ? null : t('profile.mismatch')),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    try {
      await api.post('/api/me/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      form.reset();
      await queryClient.invalidateQueries({ queryKey: meKey });
      notifySuccess(t('profile.passwordChanged'));
    } catch (error) {
      showApiError(error, form);
    } finally {
      setBusy(false);
    }
  });
  return (
    <Card withBorder component="section" aria-labelledby="pw-title">
      <Title order={2} size="h4" mb="sm" id="pw-title">
        {t('profile.changePassword')}
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm" maw={420}>
          <PasswordInput
            label={t('profile.currentPassword')}
            autoComplete="current-password"
            required
            {...form.getInputProps('currentPassword')}
          />
          <PasswordInput
            label={t('profile.newPassword')}
            autoComplete="new-password"
            required
            {...form.getInputProps('newPassword')}
          />
          <PasswordInput
            label={t('profile.confirmPassword')}
            autoComplete="new-password"
            required
            {...form.getInputProps('confirm')}
          />
          <Button type="submit" loading={busy} style={{ alignSelf: 'flex-start' }}>
            {t('profile.changePassword')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

function QrCode({ uri, alt }: { uri: string; alt: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void import('qrcode').then(async (QR) => {
      const svg = await QR.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
      if (live) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
    });
    return () => {
      live = false;
    };
  }, [uri]);
  return src ? <Image src={src} alt={alt} w={200} h={200} bg="white" /> : null;
}

function Totp({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [setup, setSetup] = useState<{ secret: string; uri: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const confirmForm = useForm({
    initialValues: { code: '' },
    validate: { code: (v) => (/^\d{6}$/.test(v.trim()) ? null : t('login.totpHint')) },
  });
  const disableForm = useForm({
    initialValues: { currentPassword: '' },
    validate: {
      currentPassword: (v) =>
        v ? null : t('login.required', { field: t('profile.currentPassword').toLowerCase() }),
    },
  });
  const begin = async () => {
    setBusy(true);
    try {
      setSetup(await api.post<{ secret: string; uri: string }>('/api/me/totp'));
    } catch (error) {
      showApiError(error);
    } finally {
      setBusy(false);
    }
  };
  const confirm = confirmForm.onSubmit(async (v) => {
    setBusy(true);
    try {
      await api.post('/api/me/totp/confirm', { code: v.code.trim() });
      setSetup(null);
      confirmForm.reset();
      await queryClient.invalidateQueries({ queryKey: meKey });
      notifySuccess(t('profile.totpEnabled'));
    } catch (error) {
      showApiError(error, confirmForm);
    } finally {
      setBusy(false);
    }
  });
  const disable = disableForm.onSubmit(async (v) => {
    setBusy(true);
    try {
      await api.post('/api/me/totp/disable', v);
      disableForm.reset();
      await queryClient.invalidateQueries({ queryKey: meKey });
      notifySuccess(t('profile.totpDisabled'));
    } catch (error) {
      showApiError(error, disableForm);
    } finally {
      setBusy(false);
    }
  });
  return (
    <Card withBorder component="section" aria-labelledby="totp-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="totp-title">
          {t('profile.totpTitle')}
        </Title>
        <Badge color={enabled ? 'teal' : 'gray'} variant="light" tt="none">
          {enabled ? t('profile.totpOn') : t('profile.totpOff')}
        </Badge>
      </Group>
      {enabled ? (
        <form onSubmit={disable} noValidate>
          <Group align="flex-end" gap="xs">
            <PasswordInput
              label={t('profile.currentPassword')}
              autoComplete="current-password"
              style={{ flex: 1, minWidth: 200, maxWidth: 320 }}
              {...disableForm.getInputProps('currentPassword')}
            />
            <Button type="submit" color="red" variant="light" loading={busy}>
              {t('profile.totpDisable')}
            </Button>
          </Group>
        </form>
      ) : setup ? (
        <Stack gap="sm">
          <Text size="sm">{t('profile.totpIntro')}</Text>
          <Group align="flex-start" gap="lg">
            <QrCode uri={setup.uri} alt={t('profile.totpQr')} />
            <Stack gap="xs" style={{ flex: 1, minWidth: 220 }}>
              <div>
                <Text size="xs" c="dimmed">
                  {t('profile.totpSecret')}
                </Text>
                <Code fz="sm" style={{ overflowWrap: 'anywhere' }}>
                  {setup.secret}
                </Code>
              </div>
              <div>
                <Text size="xs" c="dimmed">
                  {t('profile.totpUri')}
                </Text>
                <Code block fz="xs" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {setup.uri}
                </Code>
              </div>
              <form onSubmit={confirm} noValidate>
                <Group align="flex-end" gap="xs">
                  <TextInput
                    label={t('profile.totpCode')}
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    maxLength={6}
                    w={160}
                    {...confirmForm.getInputProps('code')}
                  />
                  <Button type="submit" loading={busy}>
                    {t('profile.totpConfirm')}
                  </Button>
                  <Button variant="default" onClick={() => setSetup(null)}>
                    {t('common.cancel')}
                  </Button>
                </Group>
              </form>
            </Stack>
          </Group>
        </Stack>
      ) : (
        <Button onClick={() => void begin()} loading={busy}>
          {t('profile.totpEnable')}
        </Button>
      )}
    </Card>
  );
}

function Tokens() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { data: tokens } = useQuery({
    queryKey: ['tokens'],
    queryFn: () => api.get<ApiToken[]>('/api/me/tokens'),
  });
  const [created, setCreated] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { name: '', read: true, write: false, expiresAt: null as string | null },
    validate: {
      name: (v) => (v.trim() ? null : t('login.required', { field: t('profile.tokenName').toLowerCase() })),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    try {
      const scopes = [...(v.read ? ['read'] : []), ...(v.write ? ['write'] : [])];
      const result = await api.post<{ token: string }>('/api/me/tokens', {
        name: v.name.trim(),
        scopes: scopes.length ? scopes : ['read'],
        // end of the chosen day, local time
        expiresAt: v.expiresAt ? new Date(`${v.expiresAt}T23:59:59`).toISOString() : null,
      });
      setCreated(result.token);
      form.reset();
      await queryClient.invalidateQueries({ queryKey: ['tokens'] });
    } catch (error) {
      showApiError(error, form);
    } finally {
      setBusy(false);
    }
  });
  const revoke = async (token: ApiToken) => {
    try {
      await api.delete(`/api/me/tokens/${token.id}`);
      await queryClient.invalidateQueries({ queryKey: ['tokens'] });
      notifySuccess(t('profile.tokenRevoked'));
    } catch (error) {
      showApiError(error);
    } finally {
      setRevoking(null);
    }
  };
  const now = new Date().toISOString();
  return (
    <Card withBorder component="section" aria-labelledby="tokens-title">
      <Title order={2} size="h4" id="tokens-title">
        {t('profile.tokens')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('profile.tokensIntro')}
      </Text>
      {created && (
        <Alert
          color="teal"
          title={t('profile.tokenCreated')}
          mb="sm"
          withCloseButton
          onClose={() => setCreated(null)}
        >
          <Text size="sm" mb="xs">
            {t('profile.tokenOnce')}
          </Text>
          <Group gap="xs" wrap="nowrap">
            <Code fz="sm" style={{ overflowWrap: 'anywhere' }} data-testid="new-token">
              {created}
            </Code>
            <CopyButton value={created}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? t('common.copied') : t('common.copy')}>
                  <ActionIcon
                    variant="light"
                    color={copied ? 'teal' : 'brand'}
                    onClick={copy}
                    aria-label={t('common.copy')}
                  >
                    {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        <Group align="flex-end" gap="sm" mb="md">
          <TextInput
            label={t('profile.tokenName')}
            required
            style={{ flex: 1, minWidth: 180 }}
            {...form.getInputProps('name')}
          />
          <div style={{ width: 180 }}>
            <DateField
              label={t('profile.tokenExpires')}
              description={t('profile.tokenExpiresHint')}
              {...form.getInputProps('expiresAt')}
            />
          </div>
          <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
            <Text component="legend" size="sm" fw={500} p={0}>
              {t('profile.tokenScopes')}
            </Text>
            <Group gap="sm" mt={6} mb={8}>
              <Checkbox
                label={t('profile.scopeRead')}
                {...form.getInputProps('read', { type: 'checkbox' })}
              />
              <Checkbox
                label={t('profile.scopeWrite')}
                {...form.getInputProps('write', { type: 'checkbox' })}
              />
            </Group>
          </fieldset>
          <Button type="submit" loading={busy}>
            {t('profile.tokenCreate')}
          </Button>
        </Group>
      </form>
      {tokens && tokens.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('profile.noTokens')}
        </Text>
      )}
      {tokens && tokens.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table fz="sm" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('profile.tokenName')}</Table.Th>
                <Table.Th>{t('profile.tokenPrefix')}</Table.Th>
                <Table.Th>{t('profile.tokenScopes')}</Table.Th>
                <Table.Th>{t('profile.tokenCreatedAt')}</Table.Th>
                <Table.Th>{t('profile.tokenExpires')}</Table.Th>
                <Table.Th>{t('profile.tokenLastUsed')}</Table.Th>
                <Table.Th>{t('profile.tokenStatus')}</Table.Th>
                <Table.Th>
                  <span
                    style={{
                      position: 'absolute',
                      width: 1,
                      height: 1,
                      overflow: 'hidden',
                      clip: 'rect(0 0 0 0)',
                    }}
                  >
                    {t('common.actions')}
                  </span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.map((tok) => {
                const expired = tok.expiresAt !== null && tok.expiresAt < now;
                const active = !tok.revokedAt && !expired;
                return (
                  <Table.Tr key={tok.id} c={active ? undefined : 'dimmed'}>
                    <Table.Td>{tok.name}</Table.Td>
                    <Table.Td>
                      <Code>{tok.prefix}…</Code>
                    </Table.Td>
                    <Table.Td>
                      {tok.scopes
                        .map((s) => (s === 'read' ? t('profile.scopeRead') : t('profile.scopeWrite')))
                        .join(', ')}
                    </Table.Td>
                    <Table.Td>{formatDate(tok.createdAt)}</Table.Td>
                    <Table.Td>{formatDate(tok.expiresAt)}</Table.Td>
                    <Table.Td>{formatDateTime(tok.lastUsedAt)}</Table.Td>
                    <Table.Td>
                      {tok.revokedAt
                        ? t('profile.tokenRevokedStatus')
                        : expired
                          ? t('profile.tokenExpired')
                          : t('profile.tokenActive')}
                    </Table.Td>
                    <Table.Td>
                      {active && (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="red"
                          leftSection={<IconTrash size={14} />}
                          aria-label={t('profile.tokenRevokeLabel', { name: tok.name })}
                          onClick={() => setRevoking(tok)}
                        >
                          {t('profile.tokenRevoke')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal opened={revoking !== null} onClose={() => setRevoking(null)} title={t('profile.tokenRevoke')}>
        <Stack>
          <Text>{t('profile.tokenRevokeConfirm', { name: revoking?.name ?? '' })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRevoking(null)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" onClick={() => revoking && void revoke(revoking)}>
              {t('profile.tokenRevoke')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
