'use client';

import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { ancestorIds, countsLabel, visibleNodes, type TeamNode } from './team-tree-model';
import styles from './teams.module.css';

/**
 * The team hierarchy as a WAI-ARIA tree: one tab stop, arrow keys move between the teams on screen,
 * Right/Left open and close a team's sub-teams, Enter, Space or a click selects it.
 */
export function TeamTree({ roots, selectedId, onSelect }: { roots: TeamNode[]; selectedId: string | null; onSelect: (id: string) => void }) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const items = useRef(new Map<string, HTMLLIElement>());
  const shown = useMemo(() => visibleNodes(roots, collapsed), [roots, collapsed]);

  // A team selected from outside the tree (one just created, say) is shown even under a closed parent,
  // once: after that the viewer may close its parents again.
  const revealed = useRef<string | null>(null);
  useEffect(() => {
    if (!selectedId || revealed.current === selectedId) return;
    const ancestors = ancestorIds(roots, selectedId);
    if (ancestors.length === 0 && !roots.some((root) => root.team.id === selectedId)) return; // not in the tree yet
    revealed.current = selectedId;
    setCollapsed((current) => (ancestors.some((id) => current.has(id)) ? new Set([...current].filter((id) => !ancestors.includes(id))) : current));
  }, [roots, selectedId]);

  // The one item in the tab order: the last focused, else the selected, else the first on screen.
  const tabStop = [focusedId, selectedId].find((id) => id && shown.some((n) => n.team.id === id)) ?? shown[0]?.team.id;

  const focus = (id: string) => {
    setFocusedId(id);
    items.current.get(id)?.focus();
  };
  const setOpen = (id: string, open: boolean) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (open) next.delete(id);
      else next.add(id);
      return next;
    });

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    const index = shown.findIndex((n) => n.team.id === tabStop);
    const node = shown[index];
    if (!node) return;
    const isOpen = node.children.length > 0 && !collapsed.has(node.team.id);
    const move: Record<string, (() => void) | undefined> = {
      ArrowDown: () => shown[index + 1] && focus(shown[index + 1].team.id),
      ArrowUp: () => shown[index - 1] && focus(shown[index - 1].team.id),
      Home: () => focus(shown[0].team.id),
      End: () => focus(shown[shown.length - 1].team.id),
      ArrowRight: () => (isOpen ? focus(node.children[0].team.id) : node.children.length > 0 && setOpen(node.team.id, true)),
      ArrowLeft: () => (isOpen ? setOpen(node.team.id, false) : node.parentId && focus(node.parentId)),
      Enter: () => onSelect(node.team.id),
      ' ': () => onSelect(node.team.id),
    };
    const action = move[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  }

  const renderNode = (node: TeamNode) => {
    const { team } = node;
    const hasChildren = node.children.length > 0;
    const isOpen = hasChildren && !collapsed.has(team.id);
    const selected = team.id === selectedId;
    return (
      <li
        key={team.id}
        ref={(element) => {
          if (element) items.current.set(team.id, element);
          else items.current.delete(team.id);
        }}
        role="treeitem"
        aria-level={node.level}
        aria-expanded={hasChildren ? isOpen : undefined}
        aria-selected={selected}
        aria-labelledby={`team-${team.id}-name`}
        aria-describedby={`team-${team.id}-counts`}
        tabIndex={team.id === tabStop ? 0 : -1}
        className={styles.treeItem}
        onFocus={(event) => event.target === event.currentTarget && setFocusedId(team.id)}
      >
        <div
          className={styles.treeRow}
          data-selected={selected || undefined}
          style={{ paddingLeft: `${(node.level - 1) * 18 + 6}px` }}
          onClick={() => {
            focus(team.id);
            onSelect(team.id);
          }}
        >
          {/* Mouse users open and close here; keyboard users use Right and Left. */}
          <span
            className={styles.twisty}
            aria-hidden="true"
            onClick={(event) => {
              if (!hasChildren) return;
              event.stopPropagation();
              setOpen(team.id, !isOpen);
            }}
          >
            {hasChildren ? (isOpen ? '▾' : '▸') : ''}
          </span>
          <span id={`team-${team.id}-name`} className={styles.treeName}>
            {team.name}
          </span>
          <span id={`team-${team.id}-counts`} className={styles.treeCounts}>
            {countsLabel(team)}
          </span>
        </div>
        {isOpen && (
          <ul role="group" className={styles.treeGroup}>
            {node.children.map(renderNode)}
          </ul>
        )}
      </li>
    );
  };

  return (
    <ul role="tree" aria-label="Teams" className={styles.tree} onKeyDown={onKeyDown}>
      {roots.map(renderNode)}
    </ul>
  );
}
