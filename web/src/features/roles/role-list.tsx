'use client';

import { useLayoutEffect, useRef, useState, type DragEvent } from 'react';
import { ErrorAlert } from '../../ui/error-alert';
import type { RoleSummary } from './role-draft';
import { useRoleOrder } from './use-role-order';
import styles from './roles.module.css';

type Direction = 'up' | 'down';

/**
 * The roles in their order, which is also their order in the user editor. Editors rearrange them
 * by dragging a row or, from the keyboard, with each row's Up and Down buttons; every move saves.
 */
export function RoleList({
  roles,
  selectedId,
  onSelect,
  canReorder,
}: {
  roles: readonly RoleSummary[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  canReorder: boolean;
}) {
  const { ordered, move, error } = useRoleOrder(roles);
  const [dragged, setDragged] = useState<string | null>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const table = useRef<HTMLTableElement>(null);
  // The button a keyboard move was made with: the row moved, so focus follows it there.
  const refocus = useRef<{ id: string; direction: Direction } | null>(null);

  useLayoutEffect(() => {
    const wanted = refocus.current;
    if (!wanted) return;
    refocus.current = null;
    const row = table.current?.querySelector(`tr[data-role-id="${wanted.id}"]`);
    // At the top or bottom that button is disabled now: the other one keeps focus in the row.
    const button =
      row?.querySelector<HTMLButtonElement>(`button[data-move="${wanted.direction}"]:not(:disabled)`) ??
      row?.querySelector<HTMLButtonElement>('button[data-move]:not(:disabled)');
    button?.focus();
  });

  function moveTo(role: RoleSummary, to: number) {
    move(role.id, to);
    setAnnouncement(`${role.name} moved to position ${to + 1} of ${ordered.length}`);
  }

  function moveBy(role: RoleSummary, index: number, direction: Direction) {
    refocus.current = { id: role.id, direction };
    moveTo(role, direction === 'up' ? index - 1 : index + 1);
  }

  const endDrag = () => {
    setDragged(null);
    setDropTarget(null);
  };
  const dragHandlers = (role: RoleSummary, index: number) =>
    canReorder
      ? {
          draggable: true,
          onDragStart: (event: DragEvent) => {
            event.dataTransfer.effectAllowed = 'move';
            // Some browsers start a drag only when it carries data.
            event.dataTransfer.setData('text/plain', role.name);
            setDragged(role.id);
          },
          onDragOver: (event: DragEvent) => {
            if (!dragged) return;
            event.preventDefault();
            event.dataTransfer.dropEffect = 'move';
            setDropTarget(role.id);
          },
          onDrop: (event: DragEvent) => {
            event.preventDefault();
            const moved = ordered.find((r) => r.id === dragged);
            if (moved) moveTo(moved, index);
            endDrag();
          },
          onDragEnd: endDrag,
        }
      : {};

  return (
    <section className="panel" aria-labelledby="role-list-title">
      <h2 id="role-list-title">Roles</h2>
      <p className="muted">
        {canReorder
          ? 'Drag a role, or use Up and Down, to change the order of roles in the user editor. The order saves itself.'
          : 'The order of roles in the user editor.'}
      </p>
      <ErrorAlert error={error} />
      <table className={`table ${styles.roleTable}`} ref={table}>
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">Label</th>
            <th scope="col">Users</th>
            {canReorder && (
              <th scope="col">
                <span className="visually-hidden">Order</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {ordered.map((role, index) => (
            <tr
              key={role.id}
              data-role-id={role.id}
              aria-selected={role.id === selectedId}
              className={[role.id === dragged ? styles.dragging : '', role.id === dropTarget && role.id !== dragged ? styles.dropTarget : '']
                .filter(Boolean)
                .join(' ')}
              {...dragHandlers(role, index)}
            >
              <td>
                <span className={styles.roleName}>
                  {canReorder && (
                    <span className={styles.grip} aria-hidden="true" title="Drag to reorder">
                      ⠿
                    </span>
                  )}
                  <span className="swatch" style={{ background: role.color }} aria-hidden="true" />
                  <button
                    type="button"
                    className={styles.linkButton}
                    aria-current={role.id === selectedId ? 'true' : undefined}
                    onClick={() => onSelect(role.id)}
                  >
                    {role.name}
                  </button>
                </span>
                {role.isDefault && <span className={styles.roleKind}>Default role</span>}
              </td>
              <td>
                <span className="badge">{role.label}</span>
              </td>
              <td>{role.userCount}</td>
              {canReorder && (
                <td className={styles.moveButtons}>
                  <button
                    type="button"
                    className="small"
                    data-move="up"
                    aria-label={`Move ${role.name} up`}
                    disabled={index === 0}
                    onClick={() => moveBy(role, index, 'up')}
                  >
                    Up
                  </button>
                  <button
                    type="button"
                    className="small"
                    data-move="down"
                    aria-label={`Move ${role.name} down`}
                    disabled={index === ordered.length - 1}
                    onClick={() => moveBy(role, index, 'down')}
                  >
                    Down
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </section>
  );
}
