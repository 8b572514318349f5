import {
  Alert,
  Badge,
  Breadcrumbs,
  Button,
  Card,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconArchive, IconArrowsMove, IconEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FIELD_LABELS } from '../../../contracts/fieldLabels.ts';
import type { UnitDetail } from '../../../contracts/units.ts';
import { ApiError } from '../../api.ts';
import { AnchorLink } from '../../components/links.tsx';
import { currentLocale, formatDate, formatNumber } from '../../format.ts';
import { isClosed, type TreeNode, useUnit } from './queries.ts';
import { CloseUnitModal, DeleteUnitModal, MoveUnitModal, UnitFormModal } from './UnitForms.tsx';

type Dialog = 'create' | 'edit' | 'move' | 'close' | 'delete' | null;

const label = (field: string) => FIELD_LABELS[field]?.[currentLocale()] ?? field;

function UnitLink({ unit }: { unit: { id: number; name: string } }) {
  return (
    <AnchorLink to="/units/$unitId" params={{ unitId: String(unit.id) }} size="sm">
      {unit.name}
    </AnchorLink>
  );
}

function Field({ name, children }: { name: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={500} component="dt">
        {name}
      </Text>
      <Text size="sm" component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

export function UnitDetailPanel({ unitId, tree }: { unitId: number; tree: TreeNode[] }) {
  const { t } = useTranslation();
  const { data: unit, isPending, error } = useUnit(unitId);
  const [dialog, setDialog] = useState<Dialog>(null);

  if (isPending) {
    return (
      <Card withBorder>
        <Loader size="sm" aria-label={t('app.loading')} />
      </Card>
    );
  }
  if (error || !unit) {
    const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
    return (
      <Alert
        color={notFound ? 'gray' : 'red'}
        title={notFound ? t('units.notFound') : t('common.error')}
        role="alert"
      >
        {notFound ? null : error?.message}
      </Alert>
    );
  }
  return (
    <>
      <DetailCard
        unit={unit}
        childCount={tree.filter((n) => n.parentId === unit.id).length}
        onAction={setDialog}
      />
      {/* Modals mount only when opened, so each opens with the unit as it is now. */}
      {dialog === 'create' && (
        <UnitFormModal opened onClose={() => setDialog(null)} unit={null} parent={unit} />
      )}
      {dialog === 'edit' && (
        <UnitFormModal opened onClose={() => setDialog(null)} unit={unit} parent={null} />
      )}
      {dialog === 'move' && <MoveUnitModal opened onClose={() => setDialog(null)} unit={unit} tree={tree} />}
      {dialog === 'close' && <CloseUnitModal opened onClose={() => setDialog(null)} unit={unit} />}
      {dialog === 'delete' && <DeleteUnitModal opened onClose={() => setDialog(null)} unit={unit} />}
    </>
  );
}

// childCount comes from the tree (units the user can see under this one).
function DetailCard({
  unit,
  childCount,
  onAction,
}: {
  unit: UnitDetail;
  childCount: number;
  onAction: (d: Dialog) => void;
}) {
  const { t } = useTranslation();
  const closed = isClosed(unit.validTo);
  const a = unit.abilities;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="unit-title">
      <Stack gap="md">
        {unit.ancestors.length > 0 && (
          <nav aria-label={t('units.parentUnit')}>
            <Breadcrumbs separatorMargin={4} style={{ flexWrap: 'wrap', rowGap: 4 }}>
              {unit.ancestors.map((u) => (
                <UnitLink key={u.id} unit={u} />
              ))}
              <Text size="sm" c="dimmed">
                {unit.shortName ?? unit.name}
              </Text>
            </Breadcrumbs>
          </nav>
        )}
        <div>
          <Title order={2} size="h3" id="unit-title">
            {unit.name}
          </Title>
          <Group gap="xs" mt={6}>
            <Badge variant="light">{t(`unitKind.${unit.kind}`)}</Badge>
            {closed ? (
              <Badge color="gray" variant="filled">
                {t('units.closed', { date: formatDate(unit.validTo) })}
              </Badge>
            ) : (
              <Badge color="teal" variant="light">
                {t('units.active')}
              </Badge>
            )}
            <AnchorLink to="/units/$unitId/dashboard" params={{ unitId: String(unit.id) }} size="sm">
              {t('dashboards.unit.open')}
            </AnchorLink>
          </Group>
        </div>
        {(a.createChild || a.update || a.move || a.close || a.delete) && (
          <Group gap="xs">
            {a.createChild && !closed && (
              <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => onAction('create')}>
                {t('units.createChild')}
              </Button>
            )}
            {a.update && (
              <Button
                size="xs"
                variant="default"
                leftSection={<IconEdit size={14} />}
                onClick={() => onAction('edit')}
              >
                {t('units.edit')}
              </Button>
            )}
            {a.move && !closed && (
              <Button
                size="xs"
                variant="default"
                leftSection={<IconArrowsMove size={14} />}
                onClick={() => onAction('move')}
              >
                {t('units.move')}
              </Button>
            )}
            {a.close && !closed && (
              <Button
                size="xs"
                variant="default"
                color="orange"
                leftSection={<IconArchive size={14} />}
                onClick={() => onAction('close')}
              >
                {t('units.close')}
              </Button>
            )}
            {a.delete && (
              <Button
                size="xs"
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={14} />}
                onClick={() => onAction('delete')}
              >
                {t('units.delete')}
              </Button>
            )}
          </Group>
        )}
        <SimpleGrid cols={{ base: 2, lg: 3 }} component="dl" m={0} spacing="sm" verticalSpacing="sm">
          <Field name={label('shortName')}>{unit.shortName ?? '—'}</Field>
          <Field name={t('units.kind')}>{t(`unitKind.${unit.kind}`)}</Field>
          <Field name={t('units.childCount')}>{formatNumber(childCount)}</Field>
          <Field name={label('provinceName')}>
            {unit.provinceName ?? '—'}
            {unit.provinceCode ? ` (${unit.provinceCode})` : ''}
          </Field>
          <Field name={label('communeName')}>
            {unit.communeName ?? '—'}
            {unit.communeCode ? ` (${unit.communeCode})` : ''}
          </Field>
          <Field name={label('address')}>{unit.address ?? '—'}</Field>
          <Field name={label('phone')}>{unit.phone ?? '—'}</Field>
          <Field name={label('email')}>{unit.email ?? '—'}</Field>
          <Field name={label('validFrom')}>{formatDate(unit.validFrom)}</Field>
          <Field name={label('validTo')}>{formatDate(unit.validTo)}</Field>
          {unit.closedReason && <Field name={t('units.closedReason')}>{unit.closedReason}</Field>}
        </SimpleGrid>
        {(unit.successors.length > 0 || unit.predecessors.length > 0) && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {unit.successors.length > 0 && (
              <div>
                <Title order={3} size="h5" mb={4}>
                  {t('units.successors')}
                </Title>
                <Stack gap={2}>
                  {unit.successors.map((u) => (
                    <UnitLink key={u.id} unit={u} />
                  ))}
                </Stack>
              </div>
            )}
            {unit.predecessors.length > 0 && (
              <div>
                <Title order={3} size="h5" mb={4}>
                  {t('units.predecessors')}
                </Title>
                <Stack gap={2}>
                  {unit.predecessors.map((u) => (
                    <UnitLink key={u.id} unit={u} />
                  ))}
                </Stack>
              </div>
            )}
          </SimpleGrid>
        )}
        {unit.history.length > 0 && (
          <div>
            <Title order={3} size="h5" mb={4}>
              {t('units.history')}
            </Title>
            <Table.ScrollContainer minWidth={420}>
              <Table striped withTableBorder fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('units.historyParent')}</Table.Th>
                    <Table.Th>{t('units.historyFrom')}</Table.Th>
                    <Table.Th>{t('units.historyTo')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {unit.history.map((h) => (
                    <Table.Tr key={`${h.parent?.id ?? 0}-${h.validFrom ?? ''}-${h.validTo ?? ''}`}>
                      <Table.Td>{h.parent ? <UnitLink unit={h.parent} /> : t('units.rootLevel')}</Table.Td>
                      <Table.Td>{formatDate(h.validFrom)}</Table.Td>
                      <Table.Td>{formatDate(h.validTo)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </div>
        )}
      </Stack>
    </Card>
  );
}
