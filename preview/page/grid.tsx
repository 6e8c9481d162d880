/**
 * The spreadsheet grid: column letters and row numbers, the frozen header rows kept in view,
 * display values, notes on formula cells, a selected cell and in-place editing (double-click,
 * Enter or just start typing; Enter/Tab commit, Escape cancels, Delete clears).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { columnToLetters as columnLetters } from '../../emulator/a1';
import type { CellView, SheetView } from '../api';
import { tx } from './lang';

export interface Selection {
  row: number;
  col: number;
}

export { columnLetters };

export function cellAt(view: SheetView, row: number, col: number): CellView | null {
  return view.cells[row - 1]?.[col - 1] ?? null;
}

interface GridProps {
  view: SheetView;
  selection: Selection;
  onSelect: (sel: Selection) => void;
  onCommit: (sel: Selection, input: string, move: 'down' | 'right' | 'none') => void;
}

const ROW_HEIGHT = 21;
const ROW_HEAD_WIDTH = 46;

export function Grid({ view, selection, onSelect, onCommit }: GridProps) {
  const [editing, setEditingState] = useState<{ sel: Selection; text: string } | null>(null);
  // The editor's latest state, so a blur right after Enter does not commit twice.
  const current = useRef<{ sel: Selection; text: string } | null>(null);
  const setEditing = (next: { sel: Selection; text: string } | null) => {
    current.current = next;
    setEditingState(next);
  };
  const scroller = useRef<HTMLElement>(null);
  const editor = useRef<HTMLInputElement>(null);

  useEffect(() => {
    setEditing(null);
  }, [view.name]);

  useEffect(() => {
    if (editing) editor.current?.focus();
    else scroller.current?.focus({ preventScroll: true });
  }, [editing !== null]);

  // Another sheet starts at its top-left corner, as in Sheets: the scroll of the last one (far
  // right on KOCs, say) would leave column A under the row numbers.
  useEffect(() => {
    scroller.current?.scrollTo(0, 0);
  }, [view.name]);

  useEffect(() => {
    const el = scroller.current?.querySelector<HTMLElement>(`[data-cell="${columnLetters(selection.col)}${selection.row}"]`);
    el?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [selection.row, selection.col, view.name]);

  const move = (dr: number, dc: number) => {
    const row = Math.max(1, Math.min(view.rows, selection.row + dr));
    const col = Math.max(1, Math.min(view.cols, selection.col + dc));
    onSelect({ row, col });
  };

  const startEdit = (text?: string) => {
    const cell = cellAt(view, selection.row, selection.col);
    setEditing({ sel: selection, text: text ?? cell?.r ?? cell?.v ?? '' });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (editing) return;
    const keys: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    if (keys[e.key]) {
      e.preventDefault();
      move(...keys[e.key]);
    } else if (e.key === 'Enter' || e.key === 'F2') {
      e.preventDefault();
      startEdit();
    } else if (e.key === 'Tab') {
      e.preventDefault();
      move(0, e.shiftKey ? -1 : 1);
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      onCommit(selection, '', 'none');
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      startEdit(e.key);
    }
  };

  const commit = (how: 'down' | 'right' | 'none') => {
    const open = current.current;
    if (!open) return;
    const { sel, text } = open;
    setEditing(null);
    const before = cellAt(view, sel.row, sel.col);
    if (text !== (before?.r ?? before?.v ?? '')) onCommit(sel, text, how);
    else if (how === 'down') move(1, 0);
    else if (how === 'right') move(0, 1);
  };

  const header = [];
  for (let c = 1; c <= view.cols; c++)
    header.push(
      <th key={c} class={`colhead${c === selection.col ? ' sel' : ''}`} scope="col">
        {columnLetters(c)}
      </th>,
    );

  const body = [];
  for (let r = 1; r <= view.rows; r++) {
    const frozen = r <= view.frozenRows;
    const cells = [];
    for (let c = 1; c <= view.cols; c++) {
      const cell = cellAt(view, r, c);
      const selected = r === selection.row && c === selection.col;
      const isEditing = editing && editing.sel.row === r && editing.sel.col === c;
      // Text runs on into empty cells to its right, as in Sheets.
      const overflow = !!cell && !cell.num && !frozen && !cellAt(view, r, c + 1);
      const cls = ['cell', overflow ? 'overflow' : '', cell?.num ? 'num' : '', cell?.err ? 'err' : '', cell?.fx ? 'fx' : '', cell?.from ? 'spill' : '', cell?.note ? 'noted' : '', selected ? 'sel' : '']
        .filter(Boolean)
        .join(' ');
      cells.push(
        <td
          key={c}
          class={cls}
          data-cell={`${columnLetters(c)}${r}`}
          title={cell?.note ?? (cell?.from ? tx('spilledFrom', { cell: cell.from }) : undefined)}
          onMouseDown={(e) => {
            if (isEditing) return;
            e.preventDefault();
            if (editing) commit('none');
            onSelect({ row: r, col: c });
            scroller.current?.focus({ preventScroll: true });
          }}
          onDblClick={() => {
            onSelect({ row: r, col: c });
            const cur = cellAt(view, r, c);
            setEditing({ sel: { row: r, col: c }, text: cur?.r ?? cur?.v ?? '' });
          }}
        >
          {isEditing ? (
            <input
              ref={editor}
              class="editor"
              aria-label={tx('editCell', { cell: `${columnLetters(c)}${r}` })}
              value={editing.text}
              onInput={(e) => setEditing({ sel: editing.sel, text: (e.target as HTMLInputElement).value })}
              onKeyDown={(e) => {
                // The grid's own keys (Enter opens the editor) must not see the editor's.
                e.stopPropagation();
                if (e.key === 'Enter') {
                  e.preventDefault();
                  commit('down');
                } else if (e.key === 'Tab') {
                  e.preventDefault();
                  commit('right');
                } else if (e.key === 'Escape') {
                  e.preventDefault();
                  setEditing(null);
                }
              }}
              onBlur={() => commit('none')}
            />
          ) : (
            cell?.v ?? ''
          )}
        </td>,
      );
    }
    body.push(
      <tr key={r} class={frozen ? 'frozen' : undefined} style={frozen ? { top: `${ROW_HEIGHT * r}px` } : undefined}>
        <th class={`rowhead${r === selection.row ? ' sel' : ''}`} scope="row">
          {r}
        </th>
        {cells}
      </tr>,
    );
  }

  return (
    <section
      class="grid-scroll"
      ref={scroller}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the grid takes the keyboard like Sheets' does
      tabIndex={0}
      onKeyDown={onKeyDown}
      aria-label={tx('sheetLabel', { name: view.name })}
      data-sheet={view.name}
      // A cell scrolled into view lands clear of the sticky row numbers and frozen rows.
      style={{ scrollPaddingLeft: `${ROW_HEAD_WIDTH}px`, scrollPaddingTop: `${ROW_HEIGHT * (1 + view.frozenRows)}px` }}
    >
      <table class="grid">
        <thead>
          <tr>
            <th class="corner" />
            {header}
          </tr>
        </thead>
        <tbody>{body}</tbody>
      </table>
      {view.hiddenRows > 0 && (
        <p class="more-rows">{tx('moreRows', { hidden: view.hiddenRows, rows: view.rows })}</p>
      )}
    </section>
  );
}
