import { useRef, useState, type PointerEvent as ReactPointerEvent } from "react";

/**
 * Reordering a list by dragging a handle with any pointer (mouse, finger, pen): the drop place follows the rows'
 * midpoints. The list's rows are its `li` children; `onDrop(id, to)` gets the new place, from 0. Buttons for the
 * keyboard stay with the caller.
 */
export function useDragReorder(onDrop: (id: string, to: number) => void) {
  const listRef = useRef<HTMLOListElement>(null);
  const [dragging, setDragging] = useState<{ id: string; over: number } | null>(null);

  function startDrag(event: ReactPointerEvent<HTMLElement>, id: string, index: number) {
    event.preventDefault();
    const list = listRef.current;
    if (!list) return;
    setDragging({ id, over: index });
    let over = index;
    const onMove = (e: PointerEvent) => {
      const rows = [...list.querySelectorAll<HTMLElement>(":scope > li")];
      over = rows.findIndex((row) => e.clientY < row.getBoundingClientRect().top + row.offsetHeight / 2);
      if (over < 0) over = rows.length - 1;
      setDragging({ id, over });
    };
    const onUp = () => {
      window.removeEventListener("pointermove", onMove);
      window.removeEventListener("pointerup", onUp);
      setDragging(null);
      if (over !== index) onDrop(id, over);
    };
    window.addEventListener("pointermove", onMove);
    window.addEventListener("pointerup", onUp);
  }

  /** The class of a row: the one dragged, and the one it would land on. */
  const rowClass = (id: string, index: number) => `${dragging?.id === id ? " dragging" : ""}${dragging && dragging.over === index && dragging.id !== id ? " drop-target" : ""}`;

  return { listRef, startDrag, rowClass };
}
