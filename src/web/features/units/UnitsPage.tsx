import {
  Alert,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Loader,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconArrowLeft, IconPlus, IconSearch } from '@tabler/icons-react';
import { Link, useParams } from '@tanstack/react-router';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignedInMe } from '../../auth.ts';
import { AnchorLink } from '../../components/links.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatNumber } from '../../format.ts';
import { isClosed, useUnitSearch, useUnitTree } from './queries.ts';
import { UnitDetailPanel } from './UnitDetailPanel.tsx';
import { UnitFormModal } from './UnitForms.tsx';
import { ancestorIds, buildForest, UnitTree } from './UnitTree.tsx';

export function UnitsPage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const params = useParams({ strict: false });
  const parsed = params.unitId ? Number(params.unitId) : null;
  const selectedId = parsed !== null && Number.isInteger(parsed) && parsed > 0 ? parsed : null;
  const invalidId = params.unitId !== undefined && selectedId === null;
  const mobile = useMediaQuery('(max-width: 62em)');

  const { data: tree, isPending, error } = useUnitTree();
  const [showClosed, setShowClosed] = useState(true);
  const [query, setQuery] = useState('');
  const [q] = useDebouncedValue(query.trim(), 300);
  const search = useUnitSearch(q);
  const [expanded, setExpanded] = useState<Set<number>>(new Set());
  const [initialised, setInitialised] = useState(false);
  const [creatingRoot, setCreatingRoot] = useState(false);

  const forest = useMemo(() => buildForest(tree ?? [], showClosed), [tree, showClosed]);

  // First load: a small tree opens fully; a large one shows its top level.
  useEffect(() => {
    if (!tree || initialised) return;
    setInitialised(true);
    if (tree.length <= 40) setExpanded(new Set(forest.children.keys()));
  }, [tree, forest, initialised]);

  // The selected unit is always visible in the tree.
  useEffect(() => {
    if (selectedId === null || !tree) return;
    const chain = ancestorIds(forest.byId, selectedId);
    if (chain.some((id) => !expanded.has(id))) setExpanded((prev) => new Set([...prev, ...chain]));
  }, [selectedId, tree, forest, expanded]);

  const toggle = (id: number) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const treePanel = (
    <Card withBorder padding="sm" component="section" aria-labelledby="unit-tree-title">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h4" id="unit-tree-title">
            {t('units.tree')}
          </Title>
          {tree && (
            <Text size="xs" c="dimmed">
              {t('common.total', { n: formatNumber(tree.length) })}
            </Text>
          )}
        </Group>
        <TextInput
          label={t('units.search')}
          description={t('common.searchHint')}
          placeholder={t('units.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          type="search"
        />
        <Switch
          label={t('units.showClosed')}
          checked={showClosed}
          onChange={(e) => setShowClosed(e.currentTarget.checked)}
          size="sm"
        />
        {q ? (
          <SearchResults q={q} result={search.data} loading={search.isFetching} selectedId={selectedId} />
        ) : isPending ? (
          <Loader size="sm" aria-label={t('app.loading')} />
        ) : error ? (
          <Alert color="red">{error.message}</Alert>
        ) : forest.roots.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('units.empty')}
          </Text>
        ) : (
          <nav aria-label={t('units.tree')}>
            <UnitTree forest={forest} expanded={expanded} onToggle={toggle} selectedId={selectedId} />
          </nav>
        )}
      </Stack>
    </Card>
  );

  const detail =
    selectedId !== null ? (
      <UnitDetailPanel key={selectedId} unitId={selectedId} tree={tree ?? []} />
    ) : invalidId ? (
      <Alert color="gray" title={t('units.notFound')} role="alert" />
    ) : (
      <Card withBorder padding="lg">
        <Text c="dimmed">{t('units.selectHint')}</Text>
      </Card>
    );

  const showDetailOnly = mobile && (selectedId !== null || invalidId);

  return (
    <>
      <PageTitle
        actions={
          me.abilities.units.createRoot ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreatingRoot(true)} size="sm">
              {t('units.createRoot')}
            </Button>
          ) : undefined
        }
      >
        {t('units.title')}
      </PageTitle>
      {showDetailOnly ? (
        <Stack gap="sm">
          <Button
            component={Link}
            to="/units"
            variant="subtle"
            leftSection={<IconArrowLeft size={16} />}
            style={{ alignSelf: 'flex-start' }}
          >
            {t('units.backToTree')}
          </Button>
          {detail}
        </Stack>
      ) : (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>{treePanel}</Grid.Col>
          <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>{detail}</Grid.Col>
        </Grid>
      )}
      {creatingRoot && (
        <UnitFormModal opened onClose={() => setCreatingRoot(false)} unit={null} parent={null} />
      )}
    </>
  );
}

function SearchResults({
  q,
  result,
  loading,
  selectedId,
}: {
  q: string;
  result:
    | {
        items: Array<{
          id: number;
          name: string;
          kind: string;
          validTo: string | null;
          provinceName: string | null;
        }>;
        total: number;
      }
    | undefined;
  loading: boolean;
  selectedId: number | null;
}) {
  const { t } = useTranslation();
  return (
    <section aria-label={t('units.results')} aria-busy={loading}>
      <Text size="xs" c="dimmed" mb={4} aria-live="polite">
        {result ? t('common.total', { n: formatNumber(result.total) }) : t('app.loading')}
      </Text>
      {result && result.items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('common.noResults')} ({q})
        </Text>
      )}
      <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {result?.items.map((u) => (
          <li key={u.id}>
            <AnchorLink
              to="/units/$unitId"
              params={{ unitId: String(u.id) }}
              size="sm"
              fw={u.id === selectedId ? 700 : 400}
              c={isClosed(u.validTo) ? 'gray.7' : undefined}
              aria-current={u.id === selectedId ? 'page' : undefined}
            >
              {u.name}
              {isClosed(u.validTo) ? ` ${t('units.closedSuffix')}` : ''}
            </AnchorLink>
            <Group gap={4}>
              <Badge size="xs" variant="light" color="gray">
                {t(`unitKind.${u.kind}`)}
              </Badge>
              {u.provinceName && (
                <Text size="xs" c="dimmed">
                  {u.provinceName}
                </Text>
              )}
            </Group>
          </li>
        ))}
      </Stack>
    </section>
  );
}
