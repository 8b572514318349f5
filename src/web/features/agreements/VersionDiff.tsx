import { Alert, Box, Button, Loader, Modal, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { versionDiffSchema } from '../../../contracts/agreements.ts';
import { api } from '../../api.ts';

type Diff = z.infer<typeof versionDiffSchema>;

/** "Compare with the previous version": added lines green, removed lines red. */
export function VersionDiffButton({ agreementId, to }: { agreementId: number; to: number }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const { data, isPending, error } = useQuery({
    queryKey: ['agreements', 'diff', agreementId, to],
    queryFn: () => api.get<Diff>(`/api/agreements/${agreementId}/versions/${to - 1}/diff/${to}`),
    enabled: opened,
  });
  return (
    <>
      <Button size="compact-xs" variant="subtle" onClick={() => setOpened(true)}>
        {t('agr.compare')}
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        size="xl"
        title={t('agr.diffTitle', { from: to - 1, to })}
      >
        {isPending && <Loader aria-label={t('app.loading')} />}
        {error && <Alert color="red">{error.message}</Alert>}
        {data && (
          <Stack gap="md">
            {data.fields.map((f) => (
              <div key={f.field}>
                <Title order={3} size="h5">
                  {t(`agr.fields.${f.field}`, { defaultValue: f.field })}
                </Title>
                <Box component="pre" style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', margin: 0 }}>
                  {f.lines.map((l, i) => (
                    <Text
                      // biome-ignore lint/suspicious/noArrayIndexKey: lines of one diff, in order
                      key={i}
                      component="div"
                      size="sm"
                      bg={l.op === 'add' ? 'green.1' : l.op === 'del' ? 'red.1' : undefined}
                      c={l.op === 'add' ? 'green.9' : l.op === 'del' ? 'red.9' : undefined}
                      td={l.op === 'del' ? 'line-through' : undefined}
                    >
                      {l.op === 'add' ? '+ ' : l.op === 'del' ? '− ' : '  '}
                      {l.text}
                    </Text>
                  ))}
                </Box>
              </div>
            ))}
          </Stack>
        )}
      </Modal>
    </>
  );
}
