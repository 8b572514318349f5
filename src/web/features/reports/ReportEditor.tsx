import { Alert, Box, Button, Card, Group, List, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconCheck, IconDeviceFloppy, IconLockOpen, IconSend } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api.ts';
import { isConflict, notifySuccess, showApiError } from '../../errors.ts';
import { formatNumber } from '../../format.ts';
import { ConflictNotice } from '../agreements/TaskForm.tsx';
import { useIndicators } from '../indicators/queries.ts';
import { type ReportDetail, repKeys } from './queries.ts';
import { ExcelButtons } from './ReportExcel.tsx';
import { type CellNote, issueMessage, ReportGrid, WARNING_TEXT } from './ReportGrid.tsx';
import { type Decision, DecisionModal } from './ReportWorkflow.tsx';
import {
  addGroup,
  brokenRules,
  categoriesOf,
  categoryMismatches,
  cellKey,
  cellOf,
  checkCell,
  countNotes,
  duplicateLocations,
  type GridState,
  gridFromReport,
  mergeTouched,
  missingRequired,
  OP_SYMBOL,
  type Rule,
  removeGroup,
  valuesToSave,
  withWarning,
} from './values.ts';

/** `values[3].value` or `values.3.value` → 3. */
const valueIndex = (path: string) => {
  const m = /^values(?:\[(\d+)\]|\.(\d+))/.exec(path);
  return m ? Number(m[1] ?? m[2]) : null;
};

/** "HO – Hộ được giúp đỡ tại Tả Gia Khâu: 5 nhỏ hơn…" → "5 nhỏ hơn…" under the cell that names it already. */
function withoutName(message: string, ind: { code: string; name: string }): string {
  const prefix = `${ind.code} – ${ind.name}`;
  if (!message.startsWith(prefix)) return message;
  const colon = message.indexOf(': ', prefix.length);
  return colon >= 0 ? message.slice(colon + 2) : message;
}

const looksLikeReport = (x: unknown): x is ReportDetail =>
  typeof x === 'object' && x !== null && 'indicators' in x && 'version' in x;

/**
 * The editable part of a report: the data-entry grid with live checks, the narrative sections,
 * and the actions the user may take now (save draft, submit, approve, return, reopen). A save
 * that meets someone else's newer version keeps everything typed and offers to reload.
 */
export function ReportEditor({ report }: { report: ReportDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [base, setBase] = useState(report);
  const [grid, setGrid] = useState<GridState>(() => gridFromReport(report));
  const [narrative, setNarrative] = useState<Record<string, string>>(report.narrative);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [narrTouched, setNarrTouched] = useState<Set<string>>(new Set());
  const [structure, setStructure] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [narrErrors, setNarrErrors] = useState<Record<string, string>>({});
  const [showRequired, setShowRequired] = useState(false);
  const [conflict, setConflict] = useState<'no' | 'yes' | 'reloaded'>('no');
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [decision, setDecision] = useState<Decision | null>(null);
  const editable = base.abilities.edit;
  const dirty = touched.size > 0 || narrTouched.size > 0 || structure;
  const indicators = base.indicators;

  const accept = (r: ReportDetail) => {
    qc.setQueryData(repKeys.detail(r.id), r);
    setBase(r);
    setGrid(gridFromReport(r));
    setNarrative(r.narrative);
    setTouched(new Set());
    setNarrTouched(new Set());
    setStructure(false);
    setServerErrors({});
    setNarrErrors({});
    setConflict('no');
    void qc.invalidateQueries({ queryKey: ['reports', 'list'] });
    void qc.invalidateQueries({ queryKey: ['dashboards'] });
  };

  // A newer version arrived (another tab, an action): take it unless the user is typing.
  // biome-ignore lint/correctness/useExhaustiveDependencies: follows the cached report only
  useEffect(() => {
    if (report.version !== base.version && !dirty) accept(report);
  }, [report]);

  // Leaving the page with unsaved values asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  // Cross-field rules come from the catalogue (the form lists only the indicators).
  const catalogue = useIndicators({ active: 'all' }, editable);
  const rulesOf = useMemo(() => {
    const inForm = new Set(indicators.map((i) => i.indicatorId));
    const out = new Map<number, Rule[]>();
    for (const ind of catalogue.data?.items ?? []) {
      if (!inForm.has(ind.id)) continue;
      const rules = ind.rules.filter((r) => inForm.has(r.otherIndicatorId));
      if (rules.length) out.set(ind.id, rules);
    }
    return out;
  }, [catalogue.data, indicators]);

  // Notes under the cells: live checks of every filled cell, broken rules and missing required
  // values; the server's answer where the live checks have nothing to say; save errors last.
  // Out-of-range warnings go with the report; rules and category sums must hold to submit.
  // The live checks run while the report is editable; otherwise (the approver's view) the
  // server's issues of the stored values are shown as they are.
  const byId = new Map(indicators.map((i) => [i.indicatorId, i]));
  const live: Record<string, CellNote> = {};
  for (const g of grid.groups) {
    const ind = byId.get(g.indicatorId);
    if (!ind) continue;
    for (const c of categoriesOf(ind)) {
      const key = cellKey(g.gid, c);
      const raw = grid.cells[key] ?? '';
      const issue = editable && raw.trim() ? checkCell(ind, raw) : null;
      if (!issue) continue;
      const message = issueMessage(t, issue, ind);
      live[key] = issue.level === 'error' ? { error: message } : { warning: message };
    }
  }
  const firstTotal = (indicatorId: number) => {
    const g = grid.groups.find((x) => x.indicatorId === indicatorId);
    return g ? cellKey(g.gid, '') : null;
  };
  for (const [key, rules] of editable ? brokenRules(grid, indicators, rulesOf) : []) {
    const text = rules
      .map((r) => r.message ?? t('reports.grid.rule', { op: OP_SYMBOL[r.op], other: r.otherName }))
      .join(' ');
    live[key] = withWarning(live[key], text, true);
  }
  for (const [key, m] of editable ? categoryMismatches(grid, indicators) : []) {
    const text =
      m.total === null
        ? t('reports.grid.totalMissing', { sum: formatNumber(m.sum) })
        : t('reports.grid.sumMismatch', { sum: formatNumber(m.sum), total: formatNumber(m.total) });
    if (!live[key]?.error) live[key] = withWarning(live[key], text, true);
  }
  if (showRequired) {
    for (const id of missingRequired(grid, indicators)) {
      const key = firstTotal(id);
      if (key) live[key] = { ...live[key], error: t('reports.grid.required') };
    }
  }
  const notes: Record<string, CellNote> = {};
  const unplaced: string[] = [];
  for (const issue of base.issues) {
    const key = cellOf(grid, issue);
    const ind = byId.get(issue.indicatorId);
    const message = ind ? withoutName(issue.message, ind) : issue.message;
    if (!key) unplaced.push(issue.message);
    // An empty required cell is marked by its asterisk until the user tries to submit.
    else if ((grid.cells[key] ?? '').trim() === '' && !issue.blocking) continue;
    // Out-of-range cells carry a live warning already: what is left here blocks submission
    // (a rule, a sum) — unless the report is no longer editable, where it is just shown.
    else if (!touched.has(key) && !live[key])
      notes[key] = issue.blocking ? { error: message } : withWarning(notes[key], message, editable);
  }
  Object.assign(notes, live);
  for (const [key, message] of Object.entries(serverErrors)) notes[key] = { ...notes[key], error: message };
  const { errors, toFix, warnings } = countNotes(notes);
  const dupes = duplicateLocations(grid);
  const groupNotes: Record<string, string> = {};
  for (const gid of dupes) groupNotes[gid] = t('reports.grid.duplicateLocation');

  const focusCell = (key: string) => {
    const el = document.querySelector<HTMLElement>(`[data-cell="${CSS.escape(key)}"]`);
    el?.focus();
    el?.scrollIntoView({ block: 'center' });
  };

  /**
   * A refused save or submission: each `values[i]` error under its cell (`keys[i]`), an
   * indicator-level one (`indicators.<id>`: a rule, a required value) under the indicator's
   * first cell, narrative errors under their section; a conflict shows the notice.
   */
  const onError = (
    e: unknown,
    keys: Array<string | null>,
    keyOfIndicator: (indicatorId: number) => string | null,
    submitting = false,
  ) => {
    if (isConflict(e)) {
      setConflict('yes');
      return;
    }
    const placed: Record<string, string> = {};
    const narr: Record<string, string> = {};
    const unplacedFields: string[] = [];
    const place = (path: string, message: string) => {
      const i = valueIndex(path);
      const ind = /^indicators\.(\d+)/.exec(path);
      const key = i !== null ? keys[i] : ind ? keyOfIndicator(Number(ind[1])) : null;
      const named = indicators.find((x) => message.startsWith(`${x.code} – ${x.name}`));
      const short = named ? withoutName(message, named) : message;
      if (key) placed[key] = placed[key] ? `${placed[key]} ${short}` : short;
      else if (path.startsWith('narrative.')) narr[path.slice('narrative.'.length)] = message;
      else unplacedFields.push(message);
    };
    if (submitting && e instanceof ApiError && e.code === 'VALIDATION_FAILED' && e.fields.length > 0) {
      for (const f of e.fields) place(f.path, f.message);
      notifications.show({
        color: 'red',
        title: t('reports.grid.cannotSubmit'),
        message: [t('reports.grid.submitIssues', { count: e.fields.length }), ...unplacedFields].join(' '),
        autoClose: 12_000,
      });
    } else {
      showApiError(e, {
        setFieldError: place,
        getValues: () => ({ values: null, narrative: null, indicators: null }),
      });
    }
    setServerErrors(placed);
    setNarrErrors(narr);
    const first = Object.keys(placed)[0];
    if (first) setTimeout(() => focusCell(first), 50);
    // Locked or in another state now: show the report as it is.
    if (e instanceof ApiError && e.status === 409)
      void qc.invalidateQueries({ queryKey: repKeys.detail(base.id) });
  };

  /** The first cell of an indicator in a grid (where its rule and required messages go). */
  const firstCellIn = (g: GridState) => (indicatorId: number) => {
    const group = g.groups.find((x) => x.indicatorId === indicatorId);
    return group ? cellKey(group.gid, '') : null;
  };

  /** Saves the draft; null when it did not (the reason is shown). */
  const save = async (): Promise<ReportDetail | null> => {
    const { values, keys, invalid } = valuesToSave(grid, indicators, base.values);
    if (invalid.length > 0 || dupes.size > 0) {
      notifications.show({
        color: 'red',
        title: t('reports.grid.cannotSave'),
        message: t('reports.grid.fixFirst'),
      });
      // every invalid cell shows its message, typed or not
      setTouched((x) => new Set([...x, ...invalid]));
      if (invalid[0]) setTimeout(() => focusCell(invalid[0] as string), 50);
      return null;
    }
    const sections = Object.fromEntries(base.narrativeSections.map((s) => [s.key, narrative[s.key] ?? '']));
    try {
      const saved = await api.put<ReportDetail>(`/api/reports/${base.id}`, {
        values,
        narrative: sections,
        version: base.version,
      });
      accept(saved);
      return saved;
    } catch (e) {
      onError(e, keys, firstCellIn(grid));
      return null;
    }
  };

  const onSave = async () => {
    setBusy('save');
    try {
      if (await save()) notifySuccess(t('reports.report.saved'));
    } finally {
      setBusy(null);
    }
  };

  const onSubmit = async () => {
    setShowRequired(true);
    const missing = missingRequired(grid, indicators);
    if (missing.length > 0) {
      notifications.show({
        color: 'red',
        title: t('reports.grid.cannotSubmit'),
        message: t('reports.grid.missingRequired', { count: missing.length }),
      });
      const key = firstTotal(missing[0] as number);
      if (key) setTimeout(() => focusCell(key), 50);
      return;
    }
    setBusy('submit');
    try {
      let current: ReportDetail | null = base;
      if (dirty) current = await save();
      if (!current) return;
      // Submission errors name the stored values (`values[i]` of the report as loaded).
      const stored = gridFromReport(current);
      const keys = current.values.map((v) => cellOf(stored, v));
      try {
        const out = await api.post<unknown>(`/api/reports/${current.id}/submit`, {
          version: current.version,
        });
        if (looksLikeReport(out)) accept(out);
        else await qc.invalidateQueries({ queryKey: repKeys.detail(current.id) });
        setShowRequired(false);
        notifySuccess(t('reports.report.submitted'));
      } catch (e) {
        onError(e, keys, firstCellIn(stored), true);
      }
    } finally {
      setBusy(null);
    }
  };

  const decide = async (d: Decision, text: string) => {
    const path = `/api/reports/${base.id}/${d}`;
    const body =
      d === 'reopen'
        ? { version: base.version, reason: text }
        : { version: base.version, comment: text || undefined };
    try {
      const out = await api.post<unknown>(path, body);
      if (looksLikeReport(out)) accept(out);
      else await qc.invalidateQueries({ queryKey: repKeys.detail(base.id) });
      notifySuccess(t(`reports.decide.${d}Done`));
    } catch (e) {
      if (isConflict(e)) void qc.invalidateQueries({ queryKey: repKeys.detail(base.id) });
      throw e;
    }
  };

  const reload = async () => {
    const latest = await api.get<ReportDetail>(`/api/reports/${base.id}`).catch((e: unknown) => {
      showApiError(e);
      return null;
    });
    if (!latest) return;
    qc.setQueryData(repKeys.detail(latest.id), latest);
    const merged = mergeTouched(gridFromReport(latest), grid, touched);
    const mine = Object.fromEntries([...narrTouched].map((k) => [k, narrative[k] ?? '']));
    setBase(latest);
    setGrid(merged.grid);
    setTouched(merged.touched);
    setNarrative({ ...latest.narrative, ...mine });
    setServerErrors({});
    setConflict(latest.abilities.edit ? 'reloaded' : 'no');
  };

  const setCell = (key: string, raw: string) => {
    setGrid((g) => ({ ...g, cells: { ...g.cells, [key]: raw } }));
    setTouched((x) => (x.has(key) ? x : new Set(x).add(key)));
    setServerErrors(({ [key]: _, ...rest }) => rest);
  };

  const a = base.abilities;
  const anyAction = a.edit || a.submit || a.approve || a.return || a.reopen;
  return (
    <>
      {conflict !== 'no' && <ConflictNotice reloaded={conflict === 'reloaded'} onReload={reload} />}
      <Card withBorder component="section" aria-labelledby="report-grid-title">
        <Group justify="space-between" gap="xs" mb="xs">
          <Title order={2} size="h4" id="report-grid-title">
            {t('reports.grid.title')}
          </Title>
          <ExcelButtons report={base} dirty={dirty} onImported={accept} />
        </Group>
        {editable && (
          <Text size="xs" c="dimmed" mb="xs">
            {t('reports.grid.hint')}
          </Text>
        )}
        <Box aria-live="polite" mb={errors || toFix || warnings ? 'xs' : 0} data-testid="grid-counts">
          {errors > 0 && (
            <Text size="sm" c="red.9" fw={600}>
              {t('reports.grid.errorCount', { count: errors })}
            </Text>
          )}
          {editable && toFix > 0 && (
            <Text size="sm" c={WARNING_TEXT} fw={600}>
              {t('reports.grid.toFixCount', { count: toFix })}
            </Text>
          )}
          {editable && warnings > 0 && (
            <Text size="sm" c={WARNING_TEXT}>
              {t('reports.grid.warningCount', { count: warnings })}
            </Text>
          )}
          {!editable && toFix + warnings > 0 && (
            <Text size="sm" c={WARNING_TEXT} fw={600}>
              {a.approve || a.return
                ? t('reports.grid.reviewWarnings', { count: toFix + warnings })
                : t('reports.grid.readWarnings', { count: toFix + warnings })}
            </Text>
          )}
        </Box>
        {unplaced.length > 0 && (
          <Alert color="orange" mb="xs" title={t('reports.grid.otherIssues')}>
            <List size="sm">
              {unplaced.map((m) => (
                <List.Item key={m}>{m}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        <ReportGrid
          indicators={indicators}
          exchangeCounts={base.exchangeCounts}
          grid={grid}
          editable={editable}
          notes={notes}
          groupNotes={groupNotes}
          onCell={setCell}
          onLocation={(gid, location) => {
            setGrid((g) => ({ ...g, groups: g.groups.map((x) => (x.gid === gid ? { ...x, location } : x)) }));
            setStructure(true);
          }}
          onAddLocation={(id) => {
            setGrid((g) => addGroup(g, id));
            setStructure(true);
          }}
          onRemoveLocation={(gid) => {
            setGrid((g) => removeGroup(g, gid));
            setTouched((x) => new Set([...x].filter((k) => !k.startsWith(`${gid}|`))));
            setStructure(true);
          }}
        />
      </Card>
      <Card withBorder component="section" aria-labelledby="report-narrative">
        <Title order={2} size="h4" id="report-narrative" mb="xs">
          {t('reports.report.narrative')}
        </Title>
        <Stack gap="sm">
          {base.narrativeSections.map((s, i) =>
            editable ? (
              <Textarea
                key={s.key}
                label={`${i + 1}. ${s.title}`}
                autosize
                minRows={3}
                maxRows={20}
                value={narrative[s.key] ?? ''}
                error={narrErrors[s.key]}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setNarrative((x) => ({ ...x, [s.key]: value }));
                  setNarrTouched((x) => (x.has(s.key) ? x : new Set(x).add(s.key)));
                }}
              />
            ) : (
              <div key={s.key}>
                <Title order={3} size="h6">
                  {i + 1}. {s.title}
                </Title>
                <Text
                  size="sm"
                  style={{ whiteSpace: 'pre-wrap' }}
                  c={narrative[s.key] ? undefined : 'dimmed'}
                >
                  {narrative[s.key] || t('reports.report.emptySection')}
                </Text>
              </div>
            ),
          )}
        </Stack>
      </Card>
      {anyAction && (
        <Card
          withBorder
          shadow="sm"
          p="sm"
          style={{ position: 'sticky', bottom: 0, zIndex: 5 }}
          aria-label={t('common.actions')}
          component="section"
        >
          <Group justify="space-between" gap="xs" wrap="wrap">
            <Text size="sm" c={dirty ? WARNING_TEXT : 'dimmed'} aria-live="polite">
              {dirty ? t('reports.report.unsaved') : editable ? t('reports.report.allSaved') : ''}
            </Text>
            <Group gap="xs" wrap="wrap">
              {a.edit && (
                <Button
                  variant="default"
                  leftSection={<IconDeviceFloppy size={16} aria-hidden />}
                  loading={busy === 'save'}
                  disabled={busy !== null}
                  onClick={() => void onSave()}
                >
                  {t('reports.report.saveDraft')}
                </Button>
              )}
              {a.submit && (
                <Button
                  leftSection={<IconSend size={16} aria-hidden />}
                  loading={busy === 'submit'}
                  disabled={busy !== null}
                  onClick={() => void onSubmit()}
                >
                  {t('reports.report.submit')}
                </Button>
              )}
              {a.return && (
                <Button
                  variant="outline"
                  color="pink.9"
                  leftSection={<IconArrowBackUp size={16} aria-hidden />}
                  onClick={() => setDecision('return')}
                >
                  {t('reports.decide.return')}
                </Button>
              )}
              {a.approve && (
                <Button
                  color="teal.9"
                  leftSection={<IconCheck size={16} aria-hidden />}
                  onClick={() => setDecision('approve')}
                >
                  {t('reports.decide.approve')}
                </Button>
              )}
              {a.reopen && (
                <Button
                  variant="outline"
                  leftSection={<IconLockOpen size={16} aria-hidden />}
                  onClick={() => setDecision('reopen')}
                >
                  {t('reports.decide.reopen')}
                </Button>
              )}
            </Group>
          </Group>
        </Card>
      )}
      <DecisionModal
        decision={decision}
        warnings={toFix + warnings}
        onClose={() => setDecision(null)}
        onConfirm={decide}
      />
    </>
  );
}
