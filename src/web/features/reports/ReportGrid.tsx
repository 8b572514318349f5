import {
  ActionIcon,
  Button,
  NativeSelect,
  Table,
  Text,
  Textarea,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormIndicator, ReportOut } from '../../../contracts/reports.ts';
import { formatNumber } from '../../format.ts';
import {
  type CellIssue,
  type CellNote,
  cellKey,
  type GridState,
  type Group,
  parseVietnameseNumber,
} from './values.ts';

export type { CellNote };

/** Dark orange on white (about 7:1): a warning that reads, unlike the palette's orange text. */
export const WARNING_TEXT = '#8a3800';

interface Props {
  indicators: FormIndicator[];
  grid: GridState;
  editable: boolean;
  /** Notes per cell key (live checks, rules, server answers), already translated. */
  notes: Record<string, CellNote>;
  /** Notes per group (a location typed twice or left empty). */
  groupNotes: Record<string, string>;
  onCell: (key: string, raw: string) => void;
  onLocation: (gid: string, location: string) => void;
  onAddLocation: (indicatorId: number) => void;
  onRemoveLocation: (gid: string) => void;
  /** The id of the heading that names the grid. */
  labelledBy?: string;
  /**
   * What the system adds to the typed figure of an indicator from the information exchange
   * (the report's `exchangeCounts`), shown under its total so it is not typed twice.
   */
  exchangeCounts?: ReportOut['exchangeCounts'];
}

export function issueMessage(
  t: (key: string, o?: Record<string, unknown>) => string,
  issue: CellIssue,
  ind: Pick<FormIndicator, 'uom'>,
): string {
  switch (issue.code) {
    case 'belowMin':
      return t('reports.grid.belowMin', { min: formatNumber(issue.min), uom: ind.uom });
    case 'aboveMax':
      return t('reports.grid.aboveMax', { max: formatNumber(issue.max), uom: ind.uom });
    default:
      return t(`reports.grid.${issue.code}`);
  }
}

/** A stored cell as read-only text: 1.734 · Có · the text. */
function shown(ind: FormIndicator, raw: string, yes: string, no: string): string {
  if (raw === '') return '—';
  if (ind.valueType === 'boolean') return raw === 'true' ? yes : raw === 'false' ? no : raw;
  if (ind.valueType === 'text') return raw;
  const parsed = parseVietnameseNumber(raw, ind.valueType === 'percentage');
  return parsed.ok && parsed.value !== null
    ? `${formatNumber(parsed.value)}${ind.valueType === 'percentage' ? ' %' : ''}`
    : raw;
}

/**
 * The data-entry grid: one row per indicator (and per category of a disaggregated one), a
 * location column for indicators de-duplicated by commune with a button to add communes; each
 * cell checked as it is typed. On a phone every row's title sits above its inputs.
 */
export function ReportGrid(props: Props) {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 36em)') ?? false;
  const { indicators, grid, editable } = props;
  const withLocation = indicators.some((i) => i.dedupByLocation);
  const sorted = [...indicators].sort((a, b) => a.position - b.position);
  const columns = 3 + (withLocation ? 1 : 0);
  const counted = new Map((props.exchangeCounts ?? []).map((c) => [c.indicatorId, c.value]));

  const table = (
    <Table
      withTableBorder
      verticalSpacing={6}
      layout={narrow ? 'fixed' : undefined}
      data-testid="report-grid"
      aria-labelledby={props.labelledBy ?? 'report-grid-title'}
    >
      {!narrow && (
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={44}>
              {t('reports.grid.no')}
            </Table.Th>
            <Table.Th scope="col">{t('reports.grid.indicator')}</Table.Th>
            {withLocation && (
              <Table.Th scope="col" w="24%">
                {t('reports.grid.location')}
              </Table.Th>
            )}
            <Table.Th scope="col" w="26%">
              {t('reports.grid.value')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
      )}
      <Table.Tbody>
        {sorted.map((ind, n) => {
          const groups = grid.groups.filter((g) => g.indicatorId === ind.indicatorId);
          const categories = [{ code: '', name: '' }, ...(ind.categories ?? [])];
          return (
            <Fragment key={ind.indicatorId}>
              {groups.map((g, gi) =>
                categories.map((c, ci) => (
                  <GridRow
                    key={cellKey(g.gid, c.code)}
                    {...props}
                    narrow={narrow}
                    withLocation={withLocation}
                    ind={ind}
                    number={gi === 0 && ci === 0 ? n + 1 : null}
                    group={g}
                    firstOfGroup={ci === 0}
                    extraGroup={gi > 0}
                    category={c}
                    exchangeCount={gi === 0 && ci === 0 ? counted.get(ind.indicatorId) : undefined}
                  />
                )),
              )}
              {editable && ind.dedupByLocation && (
                <Table.Tr>
                  {!narrow && <Table.Td />}
                  <Table.Td colSpan={narrow ? 2 : columns - 1}>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      leftSection={<IconPlus size={14} aria-hidden />}
                      onClick={() => props.onAddLocation(ind.indicatorId)}
                    >
                      {t('reports.grid.addLocation')}
                      <VisuallyHidden> {t('reports.grid.addLocationFor', { name: ind.name })}</VisuallyHidden>
                    </Button>
                  </Table.Td>
                </Table.Tr>
              )}
            </Fragment>
          );
        })}
      </Table.Tbody>
    </Table>
  );
  // On a phone the rows stack (title above its inputs) and the table fits the screen.
  return narrow ? table : <Table.ScrollContainer minWidth={640}>{table}</Table.ScrollContainer>;
}

interface RowProps extends Props {
  narrow: boolean;
  withLocation: boolean;
  ind: FormIndicator;
  number: number | null;
  group: Group;
  firstOfGroup: boolean;
  extraGroup: boolean;
  category: { code: string; name: string };
  /** Added by the system to this (total) cell from the information exchange, if it counts it. */
  exchangeCount: number | undefined;
}

function GridRow(p: RowProps) {
  const { t } = useTranslation();
  const { ind, group, category, editable, narrow } = p;
  const key = cellKey(group.gid, category.code);
  const raw = p.grid.cells[key] ?? '';
  const note = p.notes[key] ?? {};
  const headId = `row-${key.replace(/[^\w-]/g, '_')}`;

  const title: ReactNode = category.code ? (
    <Text size="sm" pl="md">
      {t('reports.grid.ofWhich', { name: category.name })}
    </Text>
  ) : p.extraGroup ? (
    <Text size="sm" c="dimmed">
      {ind.name}
    </Text>
  ) : (
    <>
      <Text size="sm" fw={500}>
        {ind.name}
        {ind.required && (
          <>
            <Text span c="red.9" aria-hidden>
              {' '}
              *
            </Text>
            <VisuallyHidden> ({t('reports.grid.requiredMark')})</VisuallyHidden>
          </>
        )}
      </Text>
      <Text size="xs" c="dimmed">
        {ind.code} · {t('reports.grid.uom')}: {ind.uom}
      </Text>
    </>
  );

  // "Tổ tự quản an ninh trật tự khu vực biên giới (tổ)", "… — Nữ — Tả Gia Khâu (người)"
  const label = `${[ind.name, category.name || null, group.location || null].filter(Boolean).join(' — ')} (${ind.uom})`;

  const location =
    p.withLocation && (ind.dedupByLocation || group.location) && p.firstOfGroup ? (
      editable ? (
        <div style={{ display: 'flex', gap: 4, alignItems: 'flex-start' }}>
          <TextInput
            size="xs"
            style={{ flex: 1 }}
            aria-label={t('reports.grid.locationOf', { name: ind.name })}
            placeholder={t('reports.grid.locationPlaceholder')}
            value={group.location}
            error={p.groupNotes[group.gid]}
            onChange={(e) => p.onLocation(group.gid, e.currentTarget.value)}
          />
          {p.extraGroup && (
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('reports.grid.removeLocation', { location: group.location || '—' })}
              onClick={() => p.onRemoveLocation(group.gid)}
            >
              <IconTrash size={14} aria-hidden />
            </ActionIcon>
          )}
        </div>
      ) : (
        <Text size="sm">{group.location || '—'}</Text>
      )
    ) : null;

  // "Hệ thống tự cộng thêm 3 (tin báo đã gửi qua Trao đổi thông tin trong kỳ) — …"
  const exchangeHint =
    p.exchangeCount !== undefined && ind.exchangeSource
      ? t(editable ? 'reports.grid.exchangeAdds' : 'reports.grid.exchangeAddsReadOnly', {
          value: formatNumber(p.exchangeCount),
          what: t(`reports.grid.exchangeWhat.${ind.exchangeSource}`),
        })
      : null;
  const exchangeNote = exchangeHint ? (
    <Text span size="xs" c="dimmed" display="block" data-testid="exchange-hint">
      {exchangeHint}
    </Text>
  ) : null;

  // A warning: orange frame (unless the cell is in error, red) and dark-orange text.
  const warningStyles = note.warning
    ? {
        input: note.error
          ? {}
          : { borderColor: 'var(--mantine-color-orange-7)', background: 'var(--mantine-color-orange-0)' },
        description: { color: WARNING_TEXT },
      }
    : undefined;
  // The hint rides in the input's description (read with it), after any warning.
  const description =
    note.warning && exchangeNote ? (
      <>
        <span style={{ display: 'block' }}>{note.warning}</span>
        {exchangeNote}
      </>
    ) : (
      (note.warning ?? exchangeNote ?? undefined)
    );
  const common = {
    'aria-label': label,
    description,
    error: note.error,
    inputWrapperOrder: ['label', 'input', 'description', 'error'] as (
      | 'label'
      | 'input'
      | 'description'
      | 'error'
    )[],
    styles: warningStyles,
    'data-cell': key,
  };
  let input: ReactNode;
  if (!editable) {
    // Read-only (a submitted report before its approver): the value, and under it the warning
    // the report was sent with (a figure outside the indicator's range) or any other note.
    const noteText = note.error ?? note.warning;
    input = (
      <>
        <Text size="sm" ta={ind.valueType === 'text' ? 'left' : 'right'} style={{ whiteSpace: 'pre-wrap' }}>
          {shown(ind, raw, t('common.yes'), t('common.no'))}
        </Text>
        {noteText && (
          <Text
            size="xs"
            mt={2}
            c={note.error ? 'red.9' : WARNING_TEXT}
            data-testid={note.error ? 'cell-error' : 'cell-warning'}
          >
            {noteText}
          </Text>
        )}
        {exchangeNote && <div style={{ marginTop: 2 }}>{exchangeNote}</div>}
      </>
    );
  } else if (ind.valueType === 'boolean') {
    input = (
      <NativeSelect
        {...common}
        size="xs"
        value={raw}
        onChange={(e) => p.onCell(key, e.currentTarget.value)}
        data={[
          { value: '', label: '—' },
          { value: 'true', label: t('common.yes') },
          { value: 'false', label: t('common.no') },
        ]}
      />
    );
  } else if (ind.valueType === 'text') {
    input = (
      <Textarea
        {...common}
        size="xs"
        autosize
        minRows={1}
        maxRows={6}
        value={raw}
        onChange={(e) => p.onCell(key, e.currentTarget.value)}
      />
    );
  } else {
    input = (
      <TextInput
        {...common}
        size="xs"
        inputMode="decimal"
        autoComplete="off"
        styles={{ ...warningStyles, input: { ...warningStyles?.input, textAlign: 'right' } }}
        rightSection={ind.valueType === 'percentage' ? <Text size="xs">%</Text> : undefined}
        value={raw}
        onChange={(e) => p.onCell(key, e.currentTarget.value)}
      />
    );
  }

  const head = (
    <Table.Th scope="row" id={headId} fw="normal" colSpan={narrow ? 2 : undefined}>
      {title}
    </Table.Th>
  );
  if (narrow) {
    return (
      <>
        <Table.Tr>{head}</Table.Tr>
        <Table.Tr>
          {location && <Table.Td>{location}</Table.Td>}
          <Table.Td headers={headId} colSpan={location ? 1 : 2}>
            {input}
          </Table.Td>
        </Table.Tr>
      </>
    );
  }
  return (
    <Table.Tr>
      <Table.Td c="dimmed" fz="sm">
        {p.number ?? <VisuallyHidden>—</VisuallyHidden>}
      </Table.Td>
      {head}
      {p.withLocation && <Table.Td>{location}</Table.Td>}
      <Table.Td headers={headId}>{input}</Table.Td>
    </Table.Tr>
  );
}
