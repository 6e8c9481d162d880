/**
 * The spreadsheet grid: column letters and row numbers, the frozen header rows kept in view,
 * display values, notes on formula cells, a selected cell and in-place editing (double-click,
 * Enter or just start typing; Enter/Tab commit, Escape cancels, Delete clears). Only the cells in
 * view are drawn (./geometry.ts), and a row is drawn again only when what it shows changes.
 */
import { Component, type RefObject, type VNode } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { columnToLetters as columnLetters, lettersToColumn } from '../../emulator/a1';
import type { CellView, SheetView } from '../api';
import { COL_WIDTH, gridWindow, ROW_HEAD_WIDTH, ROW_HEIGHT, scrollToCell, type Viewport, windowHas } from './geometry';
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
  // The scroll offsets and size of the grid, for drawing the cells in view.
  const [port, setPort] = useState<Viewport>({ top: 0, left: 0, width: 0, height: 0 });
  const readPort = () => {
    const el = scroller.current;
    if (!el) return;
    const next = portOf(el);
    setPort((p) => (p.top === next.top && p.left === next.left && p.width === next.width && p.height === next.height ? p : next));
  };
  useLayoutEffect(() => {
    readPort();
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(readPort);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const win = gridWindow(view.rows, view.cols, view.frozenRows, port);
  // What the in-cell editor calls, one object for the grid's life so rows that are not edited
  // never re-render; its functions are the latest render's.
  const editorProps = useRef<EditorProps>({ ref: editor, onInput: () => undefined, onKey: () => undefined, onBlur: () => undefined }).current;

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
    const el = scroller.current;
    if (!el) return;
    const to = scrollToCell(selection.row, selection.col, view.frozenRows, portOf(el));
    if (Math.abs(to.top - el.scrollTop) >= 1 || Math.abs(to.left - el.scrollLeft) >= 1) el.scrollTo(to.left, to.top);
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

  editorProps.onInput = (text) => {
    if (current.current) setEditing({ sel: current.current.sel, text });
  };
  editorProps.onKey = (e) => {
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
  };
  editorProps.onBlur = () => commit('none');

  // Scrolling the cell being edited out of view ends the edit, as leaving it would: its editor is
  // no longer drawn.
  useEffect(() => {
    const open = current.current;
    if (open && !windowHas(win, open.sel.row, open.sel.col)) commit('none');
  }, [win.firstRow, win.lastRow, win.firstCol, win.lastCol]);

  const header = [];
  for (let c = 1; c <= view.cols; c++)
    header.push(
      <th key={c} class={`colhead${c === selection.col ? ' sel' : ''}`} scope="col">
        {columnLetters(c)}
      </th>,
    );

  const body: VNode[] = [];
  const row = (r: number, first: number, last: number) => {
    const rowEditing = editing && editing.sel.row === r ? { col: editing.sel.col, text: editing.text } : null;
    body.push(<Row key={r} view={view} r={r} first={first} last={last} selCol={r === selection.row ? selection.col : 0} editing={rowEditing} editor={editorProps} />);
  };
  // Rows out of view are one empty row each side, as tall as the rows they stand for.
  const gap = (key: string, rows: number) => {
    if (rows > 0)
      body.push(
        // biome-ignore lint/a11y/noAriaHiddenOnFocusable: an empty spacer row, never focused
        <tr key={key} class="gap" aria-hidden="true">
          <td colSpan={view.cols + 1} style={{ height: `${ROW_HEIGHT * rows}px` }} />
        </tr>,
      );
  };
  for (let r = 1; r <= win.frozen; r++) row(r, 1, view.cols);
  gap('above', win.firstRow - win.frozen - 1);
  for (let r = win.firstRow; r <= win.lastRow; r++) row(r, win.firstCol, win.lastCol);
  gap('below', view.rows - Math.max(win.lastRow, win.frozen));

  // One listener for every cell (a sheet shows thousands): the cell is the target's data-cell.
  const cellOf = (e: Event): Selection | null => {
    const td = (e.target as Element | null)?.closest<HTMLElement>('td[data-cell]');
    const m = td ? /^([A-Z]+)(\d+)$/.exec(td.dataset.cell ?? '') : null;
    return m ? { row: Number(m[2]), col: lettersToColumn(m[1]) } : null;
  };
  const onMouseDown = (e: MouseEvent) => {
    const at = cellOf(e);
    if (!at) return;
    if (editing && editing.sel.row === at.row && editing.sel.col === at.col) return;
    e.preventDefault();
    if (editing) commit('none');
    onSelect(at);
    scroller.current?.focus({ preventScroll: true });
  };
  const onDblClick = (e: MouseEvent) => {
    const at = cellOf(e);
    if (!at) return;
    onSelect(at);
    const cur = cellAt(view, at.row, at.col);
    setEditing({ sel: at, text: cur?.r ?? cur?.v ?? '' });
  };

  return (
    <section
      class="grid-scroll"
      ref={scroller}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the grid takes the keyboard like Sheets' does
      tabIndex={0}
      onKeyDown={onKeyDown}
      onScroll={readPort}
      aria-label={tx('sheetLabel', { name: view.name })}
      data-sheet={view.name}
      // A cell scrolled into view lands clear of the sticky row numbers and frozen rows.
      style={{ scrollPaddingLeft: `${ROW_HEAD_WIDTH}px`, scrollPaddingTop: `${ROW_HEIGHT * (1 + view.frozenRows)}px` }}
    >
      <table class="grid" style={{ width: `${ROW_HEAD_WIDTH + COL_WIDTH * view.cols}px` }}>
        <colgroup>
          <col style={{ width: `${ROW_HEAD_WIDTH}px` }} />
          <col span={view.cols} style={{ width: `${COL_WIDTH}px` }} />
        </colgroup>
        <thead>
          <tr>
            <th class="corner" />
            {header}
          </tr>
        </thead>
        <tbody onMouseDown={onMouseDown} onDblClick={onDblClick}>
          {body}
        </tbody>
      </table>
      {view.hiddenRows > 0 && (
        <p class="more-rows">{tx('moreRows', { hidden: view.hiddenRows, rows: view.rows })}</p>
      )}
    </section>
  );
}

interface EditorProps {
  ref: RefObject<HTMLInputElement>;
  onInput(text: string): void;
  onKey(e: KeyboardEvent): void;
  onBlur(): void;
}

interface RowProps {
  view: SheetView;
  r: number;
  /** The columns drawn; the others are one empty cell each side. */
  first: number;
  last: number;
  /** The selected column when the selection is on this row, else 0. */
  selCol: number;
  /** The cell of this row being edited and its text, if any. */
  editing: { col: number; text: string } | null;
  editor: EditorProps;
}

/**
 * One row of the grid, drawn again only when what it shows changes: moving the selection, typing
 * in a cell or an edit that changes one row re-renders the rows concerned, not the whole sheet.
 */
class Row extends Component<RowProps> {
  override shouldComponentUpdate(next: RowProps): boolean {
    const a = this.props;
    return (
      a.r !== next.r ||
      a.first !== next.first ||
      a.last !== next.last ||
      a.selCol !== next.selCol ||
      a.editing?.col !== next.editing?.col ||
      a.editing?.text !== next.editing?.text ||
      a.view.cols !== next.view.cols ||
      a.view.frozenRows !== next.view.frozenRows ||
      !sameCells(a.view.cells[a.r - 1], next.view.cells[next.r - 1])
    );
  }

  render() {
    const { view, r, first, last, selCol, editing, editor } = this.props;
    const frozen = r <= view.frozenRows;
    const cells = [];
    if (first > 1) cells.push(<td key="before" class="gap" colSpan={first - 1} />);
    for (let c = first; c <= last; c++) {
      const cell = cellAt(view, r, c);
      const isEditing = editing?.col === c;
      // Text runs on into empty cells to its right, as in Sheets.
      const overflow = !!cell && !cell.num && !frozen && !cellAt(view, r, c + 1);
      const cls = ['cell', overflow ? 'overflow' : '', cell?.num ? 'num' : '', cell?.err ? 'err' : '', cell?.fx ? 'fx' : '', cell?.from ? 'spill' : '', cell?.note ? 'noted' : '', c === selCol ? 'sel' : '']
        .filter(Boolean)
        .join(' ');
      cells.push(
        <td key={c} class={cls} data-cell={`${columnLetters(c)}${r}`} title={cell?.note ?? (cell?.from ? tx('spilledFrom', { cell: cell.from }) : undefined)}>
          {isEditing ? (
            <input
              ref={editor.ref}
              class="editor"
              aria-label={tx('editCell', { cell: `${columnLetters(c)}${r}` })}
              value={editing.text}
              onInput={(e) => editor.onInput((e.target as HTMLInputElement).value)}
              onKeyDown={(e) => editor.onKey(e)}
              onBlur={() => editor.onBlur()}
            />
          ) : (
            (cell?.v ?? '')
          )}
        </td>,
      );
    }
    if (last < view.cols) cells.push(<td key="after" class="gap" colSpan={view.cols - last} />);
    return (
      <tr class={frozen ? 'frozen' : undefined} style={frozen ? { top: `${ROW_HEIGHT * r}px` } : undefined}>
        <th class={`rowhead${selCol ? ' sel' : ''}`} scope="row">
          {r}
        </th>
        {cells}
      </tr>
    );
  }
}

function sameCells(a: readonly (CellView | null)[] | undefined, b: readonly (CellView | null)[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i];
    if (!x || !y) return x === y;
    return x.v === y.v && x.r === y.r && x.note === y.note && x.err === y.err && x.fx === y.fx && x.num === y.num && x.from === y.from;
  });
}

/** The grid's scroll offsets and visible size. */
function portOf(el: HTMLElement): Viewport {
  return { top: el.scrollTop, left: el.scrollLeft, width: el.clientWidth, height: el.clientHeight };
}
