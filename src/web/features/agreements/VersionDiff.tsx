import { Alert, Box, Loader, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { versionDiffSchema } from '../../../contracts/agreements.ts';
import { api } from '../../api.ts';
import { agrKeys } from './queries.ts';

type Diff = z.infer<typeof versionDiffSchema>;
type Line = Diff['fields'][number]['lines'][number];

/** Unchanged lines kept around each change; longer unchanged runs fold into one marker. */
const CONTEXT = 2;

type Shown = { kind: 'line'; line: Line; n: number } | { kind: 'gap'; count: number; n: number };

function withContext(lines: Line[]): Shown[] {
  const near = lines.map((_, i) =>
    lines.slice(Math.max(0, i - CONTEXT), i + CONTEXT + 1).some((l) => l.op !== 'same'),
  );
  const out: Shown[] = [];
  lines.forEach((line, n) => {
    if (near[n]) out.push({ kind: 'line', line, n });
    else {
      const last = out[out.length - 1];
      if (last?.kind === 'gap') last.count += 1;
      else out.push({ kind: 'gap', count: 1, n });
    }
  });
  return out;
}

function DiffLine({ line }: { line: Line }) {
  const { t } = useTranslation();
  if (line.op === 'same')
    return (
      <Text component="div" size="sm" px={4}>
        <span aria-hidden>{'  '}</span>
        {line.text || '\u00a0'}
      </Text>
    );
  const add = line.op === 'add';
  return (
    <Text
      component={add ? 'ins' : 'del'}
      display="block"
      size="sm"
      px={4}
      bg={add ? 'green.1' : 'red.1'}
      c={add ? 'green.9' : 'red.9'}
      td={add ? 'none' : 'line-through'}
    >
      <VisuallyHidden>{add ? t('versions.added') : t('versions.removed')}</VisuallyHidden>
      <span aria-hidden>{add ? '+ ' : '− '}</span>
      {line.text || '\u00a0'}
    </Text>
  );
}

/** Line diff of the text fields between two versions: added lines green "+", removed red "−". */
export function VersionDiffView({
  agreementId,
  from,
  to,
}: {
  agreementId: number;
  from: number;
  to: number;
}) {
  const { t } = useTranslation();
  const { data, isPending, error } = useQuery({
    queryKey: [...agrKeys.all, 'diff', agreementId, from, to],
    queryFn: () => api.get<Diff>(`/api/agreements/${agreementId}/diff`, { from, to }),
  });
  if (isPending) return <Loader aria-label={t('app.loading')} />;
  if (error) return <Alert color="red">{error.message}</Alert>;
  return (
    <Stack gap="md" aria-label={t('versions.diffTitle', { from: data.from, to: data.to })} role="region">
      <Text size="sm" fw={600}>
        {t('versions.diffTitle', { from: data.from, to: data.to })}
      </Text>
      {data.fields.map((f) => {
        const changed = f.lines.some((l) => l.op !== 'same');
        return (
          <div key={f.field}>
            <Title order={3} size="h5">
              {t(`agr.fields.${f.field}`, { defaultValue: f.field })}
            </Title>
            {changed ? (
              <Box style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {withContext(f.lines).map((s) =>
                  s.kind === 'line' ? (
                    <DiffLine key={s.n} line={s.line} />
                  ) : (
                    <Text key={s.n} size="xs" c="dimmed" px={4} fs="italic">
                      {t('versions.unchangedLines', { n: s.count })}
                    </Text>
                  ),
                )}
              </Box>
            ) : (
              <Text size="sm" c="dimmed">
                {t('versions.unchanged')}
              </Text>
            )}
          </div>
        );
      })}
    </Stack>
  );
}
