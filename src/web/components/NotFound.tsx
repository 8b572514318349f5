import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Center mih="60vh" p="md">
      <Stack align="center">
        <Title order={1} size="h2">
          404
        </Title>
        <Text>{t('common.notFound')}</Text>
        <Button component={Link} to="/">
          {t('nav.dashboard')}
        </Button>
      </Stack>
    </Center>
  );
}
