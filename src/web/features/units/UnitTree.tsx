import { ActionIcon, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { isClosed, type TreeNode } from './queries.ts';
import classes from './UnitTree.module.css';

export interface Forest {
  roots: TreeNode[];
  children: Map<number, TreeNode[]>;
  byId: Map<number, TreeNode>;
}

/** Builds the forest; a unit whose parent is outside the user's scope becomes a root. */
export function buildForest(nodes: TreeNode[], showClosed: boolean): Forest {
  const visible = showClosed ? nodes : nodes.filter((n) => !isClosed(n.validTo));
  const byId = new Map(visible.map((n) => [n.id, n]));
  const children = new Map<number, TreeNode[]>();
  const roots: TreeNode[] = [];
  for (const n of visible) {
    if (n.parentId !== null && byId.has(n.parentId)) {
      const list = children.get(n.parentId) ?? [];
      list.push(n);
      children.set(n.parentId, list);
    } else {
      roots.push(n);
    }
  }
  const byName = (a: TreeNode, b: TreeNode) =>
    Number(isClosed(a.validTo)) - Number(isClosed(b.validTo)) || a.name.localeCompare(b.name, 'vi');
  roots.sort(byName);
  for (const list of children.values()) list.sort(byName);
  return { roots, children, byId };
}

/** Ids from the root down to (not including) the given unit. */
export function ancestorIds(byId: Map<number, TreeNode>, id: number): number[] {
  const out: number[] = [];
  let cur = byId.get(id);
  const seen = new Set<number>();
  while (cur && cur.parentId !== null && !seen.has(cur.parentId)) {
    seen.add(cur.parentId);
    out.unshift(cur.parentId);
    cur = byId.get(cur.parentId);
  }
  return out;
}

interface UnitTreeProps {
  forest: Forest;
  expanded: ReadonlySet<number>;
  onToggle: (id: number) => void;
  selectedId: number | null;
}

export function UnitTree({ forest, expanded, onToggle, selectedId }: UnitTreeProps) {
  const { t } = useTranslation();
  const closedSuffix = t('units.closedSuffix');

  const render = (nodes: TreeNode[], level: number) => (
    <ul className={classes.list} role={level === 0 ? 'list' : undefined}>
      {nodes.map((node) => {
        const kids = forest.children.get(node.id) ?? [];
        const open = expanded.has(node.id);
        const closed = isClosed(node.validTo);
        const selected = node.id === selectedId;
        return (
          <li key={node.id}>
            <div
              className={classes.row}
              data-selected={selected || undefined}
              style={{ paddingLeft: level * 16 }}
            >
              {kids.length > 0 ? (
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="md"
                  onClick={() => onToggle(node.id)}
                  aria-expanded={open}
                  aria-label={
                    open ? t('units.collapse', { name: node.name }) : t('units.expand', { name: node.name })
                  }
                >
                  {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                </ActionIcon>
              ) : (
                <span className={classes.spacer} />
              )}
              <Link
                to="/units/$unitId"
                params={{ unitId: String(node.id) }}
                className={classes.link}
                data-closed={closed || undefined}
                aria-current={selected ? 'page' : undefined}
              >
                <Text component="span" size="sm" inherit>
                  {node.name}
                </Text>
                {closed && (
                  <Text component="span" size="xs" className={classes.closed}>
                    {' '}
                    {closedSuffix}
                  </Text>
                )}
              </Link>
            </div>
            {open && kids.length > 0 && render(kids, level + 1)}
          </li>
        );
      })}
    </ul>
  );

  return render(forest.roots, 0);
}
