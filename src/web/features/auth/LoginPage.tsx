import {
  Alert,
  Anchor,
  Box,
  Button,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { Navigate, useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../contracts/auth.ts';
import { ApiError, api } from '../../api.ts';
import { signedIn, useMe } from '../../auth.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import classes from './LoginPage.module.css';

export function LoginPage() {
  const { t } = useTranslation();
  const search = useSearch({ from: '/login' });
  const navigate = useNavigate();
  const { data: me } = useMe();
  const [needTotp, setNeedTotp] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { username: '', password: '', totp: '' },
    validate: {
      username: (v) => (v.trim() ? null : t('login.required', { field: t('login.username').toLowerCase() })),
      password: (v) => (v ? null : t('login.required', { field: t('login.password').toLowerCase() })),
      totp: (v) => (!needTotp || /^\d{6}$/.test(v.trim()) ? null : t('login.totpHint')),
    },
  });

  if (me) return <Navigate to={search.redirect ?? '/'} replace />;

  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setMessage(null);
    try {
      const result = await api.post<Me>('/api/auth/login', {
        username: values.username.trim(),
        password: values.password,
        ...(needTotp ? { totp: values.totp.trim() } : {}),
      });
      signedIn(result);
      await navigate({ to: search.redirect ?? '/', replace: true });
    } catch (error) {
      if (error instanceof ApiError) {
        if (error.code === 'TOTP_REQUIRED') {
          setNeedTotp(true);
          setMessage(null);
        } else {
          if (error.code === 'TOTP_INVALID') form.setFieldValue('totp', '');
          setMessage(error.message);
        }
        for (const field of error.fields) form.setFieldError(field.path, field.message);
      } else {
        setMessage(String(error));
      }
    } finally {
      setBusy(false);
    }
  });

  return (
    <Box className={classes.page}>
      <Group justify="flex-end" p="sm">
        <LanguageSwitch />
      </Group>
      <Box component="main" className={classes.center}>
        <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }} radius="md" className={classes.card}>
          <Stack gap={4} mb="lg" align="center">
            <span className={classes.logo} aria-hidden>
              PH
            </span>
            <Text fw={700} size="xl" c="brand.9">
              {t('app.name')}
            </Text>
            <Text size="sm" c="dimmed" ta="center">
              {t('login.subtitle')}
            </Text>
          </Stack>
          <Title order={1} size="h3" mb="md">
            {t('login.title')}
          </Title>
          <form onSubmit={submit} noValidate>
            <Stack>
              {message && (
                <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
                  {message}
                </Alert>
              )}
              {!needTotp ? (
                <>
                  <TextInput
                    label={t('login.username')}
                    autoComplete="username"
                    autoCapitalize="none"
                    spellCheck={false}
                    required
                    autoFocus
                    {...form.getInputProps('username')}
                  />
                  <PasswordInput
                    label={t('login.password')}
                    autoComplete="current-password"
                    required
                    {...form.getInputProps('password')}
                  />
                </>
              ) : (
                <>
                  <Text size="sm">{t('login.totpHint')}</Text>
                  <TextInput
                    label={t('login.totp')}
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    maxLength={6}
                    required
                    autoFocus
                    {...form.getInputProps('totp')}
                  />
                </>
              )}
              <Button type="submit" loading={busy} fullWidth size="md">
                {needTotp ? t('login.verify') : t('login.submit')}
              </Button>
              {needTotp && (
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  onClick={() => {
                    setNeedTotp(false);
                    setMessage(null);
                    form.reset();
                  }}
                >
                  {t('login.back')}
                </Anchor>
              )}
            </Stack>
          </form>
        </Paper>
      </Box>
    </Box>
  );
}
