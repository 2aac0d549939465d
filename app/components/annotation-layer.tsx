// Annotations over the viewer's pages (issue #4): highlights, boxes, freehand ink, sticky notes and free text, private
// by default and shareable, selected to move, recolour, edit or delete,
// saved through socket commands (acknowledged once stored) and kept in step live across the user's devices and, for
// shared ones, the other readers. Geometry is stored in the unrotated page frame (app/annotations/geometry.ts).
import { useCallback, useEffect, useId, useRef, useState, type PointerEvent as ReactPointerEvent } from "react";
import { createPortal } from "react-dom";
import { useTranslation } from "react-i18next";
import { clampUnit, fromView, geometryBounds, moveGeometry, rectFromView, rectToView, roundPoint, toView, type Point, type Rect, type Rotation } from "~/annotations/geometry";
import type { AnnotationPayload } from "~/realtime/events";
import { useRealtime } from "~/realtime/realtime-provider";

export type Tool = "select" | "highlight" | "rect" | "ink" | "note" | "text";
export const colors = ["#ffd400", "#5fd35f", "#4aa3ff", "#ff6b6b", "#b36bff"] as const;

type Operation = { before: AnnotationPayload | null; after: AnnotationPayload | null };

export type PageSurface = { container: HTMLElement; rotation: Rotation };

/** Loads a version's annotations over the socket and keeps them current; saves, deletes, undo and redo. */
export function useAnnotations(versionId: string, me: { id: string; fullName: string }) {
  const { socket } = useRealtime();
  const [items, setItems] = useState<Map<string, AnnotationPayload>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(0);
  const undo = useRef<Operation[]>([]);
  const redo = useRef<Operation[]>([]);
  const [, bump] = useState(0);

  useEffect(() => {
    if (!socket || !versionId) return;
    const join = () =>
      socket.emit("doc:join", { versionId }, (reply) => {
        if (reply.ok) setItems(new Map(reply.annotations.map((a) => [a.id, a])));
      });
    const onSaved = ({ annotation }: { annotation: AnnotationPayload }) => {
      if (annotation.versionId === versionId) setItems((all) => new Map(all).set(annotation.id, annotation));
    };
    const onDeleted = ({ id, versionId: v }: { id: string; versionId: string }) => {
      if (v !== versionId) return;
      setItems((all) => {
        const next = new Map(all);
        next.delete(id);
        return next;
      });
    };
    if (socket.connected) join();
    socket.on("connect", join);
    socket.on("annotation:saved", onSaved);
    socket.on("annotation:deleted", onDeleted);
    return () => {
      socket.off("connect", join);
      socket.off("annotation:saved", onSaved);
      socket.off("annotation:deleted", onDeleted);
      if (socket.connected) socket.emit("doc:leave", { versionId }, () => {});
    };
  }, [socket, versionId]);

  const apply = useCallback(
    (op: Operation) => {
      if (!socket) return;
      setError(null);
      setPending((n) => n + 1);
      setItems((all) => {
        const next = new Map(all);
        if (op.after) next.set(op.after.id, op.after);
        else if (op.before) next.delete(op.before.id);
        return next;
      });
      const done = (reply: { ok: true } | { ok: false; error: { message: string } }) => {
        setPending((n) => n - 1);
        if (reply.ok) return;
        setError(reply.error.message);
        // Put back what the server has.
        setItems((all) => {
          const next = new Map(all);
          if (op.before) next.set(op.before.id, op.before);
          else if (op.after) next.delete(op.after.id);
          return next;
        });
      };
      if (op.after) socket.emit("annotation:save", op.after, done);
      else if (op.before) socket.emit("annotation:delete", { id: op.before.id }, done);
    },
    [socket],
  );

  const change = useCallback(
    (op: Operation) => {
      undo.current.push(op);
      redo.current = [];
      apply(op);
      bump((n) => n + 1);
    },
    [apply],
  );

  const create = (partial: Omit<AnnotationPayload, "id" | "versionId" | "userId" | "authorName" | "shared" | "text"> & { text?: string | null }) =>
    change({ before: null, after: { id: crypto.randomUUID(), versionId, userId: me.id, authorName: me.fullName, shared: false, text: null, ...partial } });
  const update = (before: AnnotationPayload, patch: Partial<AnnotationPayload>) => change({ before, after: { ...before, ...patch } });
  const remove = (before: AnnotationPayload) => change({ before, after: null });
  const undoLast = () => {
    const op = undo.current.pop();
    if (!op) return;
    redo.current.push(op);
    apply({ before: op.after, after: op.before });
    bump((n) => n + 1);
  };
  const redoLast = () => {
    const op = redo.current.pop();
    if (!op) return;
    undo.current.push(op);
    apply(op);
    bump((n) => n + 1);
  };
  return {
    items,
    error,
    saving: pending > 0,
    create,
    update,
    remove,
    undo: undoLast,
    redo: redoLast,
    canUndo: undo.current.length > 0,
    canRedo: redo.current.length > 0,
  };
}

export type AnnotationsApi = ReturnType<typeof useAnnotations>;

/** One overlay per rendered page, drawn into PDF.js's page element. */
export function AnnotationOverlays({ pages, api, tool, color, me }: { pages: Map<number, PageSurface>; api: AnnotationsApi; tool: Tool; color: string; me: string }) {
  return (
    <>
      {[...pages].map(([page, surface]) =>
        createPortal(
          <PageAnnotations
            key={page}
            page={page}
            rotation={surface.rotation}
            items={[...api.items.values()].filter((a) => a.page === page)}
            api={api}
            tool={tool}
            color={color}
            me={me}
          />,
          surface.container,
        ),
      )}
    </>
  );
}

function PageAnnotations({ page, rotation, items, api, tool, color, me }: { page: number; rotation: Rotation; items: AnnotationPayload[]; api: AnnotationsApi; tool: Tool; color: string; me: string }) {
  const { t } = useTranslation();
  const svg = useRef<SVGSVGElement>(null);
  const [stroke, setStroke] = useState<Point[] | null>(null);
  const [draft, setDraft] = useState<Point | null>(null);
  const [textDraft, setTextDraft] = useState<Rect | null>(null);
  const [box, setBox] = useState<{ a: Point; b: Point } | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [moving, setMoving] = useState<{ id: string; from: Point; by: Point; moved: boolean } | null>(null);

  const viewPoint = (event: { clientX: number; clientY: number }): Point => {
    const box = svg.current!.getBoundingClientRect();
    return { x: clampUnit((event.clientX - box.left) / box.width), y: clampUnit((event.clientY - box.top) / box.height) };
  };

  function onPointerDown(event: ReactPointerEvent<SVGSVGElement>) {
    if (tool === "ink") {
      event.preventDefault();
      svg.current?.setPointerCapture(event.pointerId);
      setStroke([viewPoint(event)]);
    } else if (tool === "note") {
      setDraft(viewPoint(event));
    } else if (tool === "rect" || tool === "text") {
      event.preventDefault();
      svg.current?.setPointerCapture(event.pointerId);
      const p = viewPoint(event);
      setBox({ a: p, b: p });
    }
  }
  function onPointerMove(event: ReactPointerEvent<SVGSVGElement>) {
    if (box) {
      setBox({ a: box.a, b: viewPoint(event) });
      return;
    }
    if (!stroke) return;
    const events = typeof event.nativeEvent.getCoalescedEvents === "function" ? event.nativeEvent.getCoalescedEvents() : [event.nativeEvent];
    setStroke((s) => (s ? [...s, ...events.map(viewPoint)] : s));
  }
  function onPointerUp() {
    if (box) {
      const r = { x: Math.min(box.a.x, box.b.x), y: Math.min(box.a.y, box.b.y), w: Math.abs(box.a.x - box.b.x), h: Math.abs(box.a.y - box.b.y) };
      const drawn = r.w > 0.005 && r.h > 0.005;
      if (tool === "text") {
        // A tap places a text box of a usual size; a drag sets its size.
        setTextDraft(drawn && r.w > 0.05 ? r : { x: Math.min(box.a.x, 0.6), y: Math.min(box.a.y, 0.94), w: 0.35, h: 0.05 });
      } else if (drawn) api.create({ page, kind: "rect", color, geometry: { rects: [rectFromView(r, rotation)] } });
      setBox(null);
      return;
    }
    if (!stroke) return;
    if (stroke.length > 1) {
      api.create({ page, kind: "ink", color, geometry: { paths: [stroke.map((p) => roundPoint(fromView(p, rotation)))], width: 0.003 } });
    }
    setStroke(null);
  }

  /**
   * With the select tool, a tap on a mark opens it; one's own marks can also be dragged to another spot (one undoable
   * change when the drag ends).
   */
  function grab(a: AnnotationPayload) {
    if (tool !== "select") return {};
    const mine = a.userId === me;
    return {
      onPointerDown: (event: ReactPointerEvent<Element>) => {
        event.stopPropagation();
        if (!mine) return;
        event.preventDefault();
        event.currentTarget.setPointerCapture(event.pointerId);
        setMoving({ id: a.id, from: viewPoint(event), by: { x: 0, y: 0 }, moved: false });
      },
      onPointerMove: (event: ReactPointerEvent<Element>) => {
        if (moving?.id !== a.id) return;
        const p = viewPoint(event);
        const by = { x: p.x - moving.from.x, y: p.y - moving.from.y };
        setMoving({ ...moving, by, moved: moving.moved || Math.hypot(by.x, by.y) > 0.004 });
      },
      onPointerUp: () => {
        // `a` may be the dragged copy on screen: the move applies to the stored mark.
        const stored = items.find((i) => i.id === a.id) ?? a;
        if (moving?.id === a.id && moving.moved) api.update(stored, { geometry: moveGeometry(stored.geometry, moving.by, rotation) });
        else setOpen(open === a.id ? null : a.id);
        setMoving(null);
      },
      onPointerCancel: () => setMoving(null),
      className: mine ? "movable" : undefined,
    };
  }

  // While a mark is dragged it shows where it would land.
  const shown = items.map((a) => (moving?.id === a.id && moving.moved ? { ...a, geometry: moveGeometry(a.geometry, moving.by, rotation) } : a));
  const drawing = tool === "ink" || tool === "note" || tool === "rect" || tool === "text";
  // Free text is sized on the unrotated page's width, which is the displayed height when the page is turned.
  const fontUnit = rotation === 90 || rotation === 270 ? "cqh" : "cqw";
  const byline = (a: AnnotationPayload) => (a.userId !== me ? ` (${t("annotations.by", { name: a.authorName })})` : "");
  return (
    <div className={`annotation-overlay${drawing ? " drawing" : ""}`} data-page={page}>
      <svg
        ref={svg}
        viewBox="0 0 1 1"
        preserveAspectRatio="none"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        data-testid={`annotations-page-${page}`}
      >
        {shown
          .filter((a) => a.kind === "highlight" || a.kind === "rect")
          .flatMap((a) =>
            (a.geometry.rects ?? []).map((r, i) => {
              const view = rectToView(r, rotation);
              const { className, ...handlers } = grab(a);
              return (
                <rect
                  key={`${a.id}-${i}`}
                  data-annotation={a.id}
                  data-kind={a.kind}
                  data-selected={open === a.id || undefined}
                  x={view.x}
                  y={view.y}
                  width={view.w}
                  height={view.h}
                  fill={a.color}
                  fillOpacity={0.35}
                  className={`annotation-mark${className ? ` ${className}` : ""}`}
                  {...handlers}
                />
              );
            }),
          )}
        {box ? (
          <rect
            x={Math.min(box.a.x, box.b.x)}
            y={Math.min(box.a.y, box.b.y)}
            width={Math.abs(box.a.x - box.b.x)}
            height={Math.abs(box.a.y - box.b.y)}
            fill={tool === "text" ? "none" : color}
            fillOpacity={0.35}
            stroke={tool === "text" ? color : undefined}
            vectorEffect="non-scaling-stroke"
          />
        ) : null}
        {shown
          .filter((a) => a.kind === "ink")
          .map((a) =>
            a.geometry.paths?.map((path, i) => (
              <polyline
                key={`${a.id}-${i}`}
                data-annotation={a.id}
                data-kind="ink"
                data-selected={open === a.id || undefined}
                points={path.map((p) => toView(p, rotation)).map((p) => `${p.x},${p.y}`).join(" ")}
                fill="none"
                stroke={a.color}
                strokeWidth={open === a.id ? 6 : 3}
                vectorEffect="non-scaling-stroke"
                strokeLinecap="round"
                strokeLinejoin="round"
                {...grab(a)}
              />
            )),
          )}
        {stroke ? (
          <polyline points={stroke.map((p) => `${p.x},${p.y}`).join(" ")} fill="none" stroke={color} strokeWidth={3} vectorEffect="non-scaling-stroke" />
        ) : null}
      </svg>
      {shown
        .filter((a) => a.kind === "freetext" && a.geometry.rects?.[0])
        .map((a) => {
          const view = rectToView(a.geometry.rects![0], rotation);
          const { className, ...handlers } = grab(a);
          return (
            <div
              key={a.id}
              role="button"
              tabIndex={0}
              className={`annotation-freetext${className ? ` ${className}` : ""}`}
              style={{ left: `${view.x * 100}%`, top: `${view.y * 100}%`, width: `${view.w * 100}%`, minHeight: `${view.h * 100}%`, borderColor: a.color, fontSize: `${(a.geometry.size ?? defaultTextSize) * 100}${fontUnit}` }}
              aria-label={`${t("annotations.freetext")}: ${a.text ?? ""}${byline(a)}`}
              data-annotation={a.id}
              data-kind="freetext"
              data-selected={open === a.id || undefined}
              onKeyDown={(e) => e.key === "Enter" && setOpen(a.id)}
              {...handlers}
            >
              {a.text}
            </div>
          );
        })}
      {shown
        .filter((a) => a.kind === "note" && a.geometry.at)
        .map((a) => {
          const at = toView(a.geometry.at!, rotation);
          const { className, ...handlers } = grab(a);
          return (
            <button
              key={a.id}
              type="button"
              className={`annotation-pin${className ? ` ${className}` : ""}`}
              style={{ left: `${at.x * 100}%`, top: `${at.y * 100}%`, background: a.color }}
              aria-label={`${t("annotations.note")}: ${a.text ?? ""}${byline(a)}`}
              data-annotation={a.id}
              data-kind="note"
              data-selected={open === a.id || undefined}
              // A pointer opens it through the select tool's grab; the keyboard (a click of detail 0) here.
              onClick={(e) => e.detail === 0 && setOpen(open === a.id ? null : a.id)}
              {...handlers}
            >
              ✎
            </button>
          );
        })}
      {draft ? (
        <TextEditor
          at={draft}
          label={t("annotations.noteText")}
          onCancel={() => setDraft(null)}
          onSave={(text) => {
            api.create({ page, kind: "note", color, geometry: { at: roundPoint(fromView(draft, rotation)) }, text });
            setDraft(null);
          }}
        />
      ) : null}
      {textDraft ? (
        <>
          <div className="annotation-freetext draft" style={{ left: `${textDraft.x * 100}%`, top: `${textDraft.y * 100}%`, width: `${textDraft.w * 100}%`, minHeight: `${textDraft.h * 100}%`, borderColor: color }} />
          <TextEditor
            at={{ x: textDraft.x, y: textDraft.y + textDraft.h }}
            label={t("annotations.textBox")}
            onCancel={() => setTextDraft(null)}
            onSave={(text) => {
              api.create({ page, kind: "freetext", color, geometry: { rects: [rectFromView(textDraft, rotation)], size: defaultTextSize }, text });
              setTextDraft(null);
            }}
          />
        </>
      ) : null}
      {open && api.items.get(open) ? <AnnotationCard annotation={api.items.get(open)!} rotation={rotation} me={me} api={api} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}

/** Free text's font size, as a fraction of the unrotated page's width (12 pt on A4). */
const defaultTextSize = 0.02;

function TextEditor({ at, label, initial = "", onSave, onCancel }: { at: Point; label: string; initial?: string; onSave: (text: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(initial);
  const id = useId();
  return (
    <form
      className="annotation-card"
      style={{ left: `${Math.min(at.x, 0.6) * 100}%`, top: `${at.y * 100}%` }}
      onPointerDown={(e) => e.stopPropagation()}
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) onSave(text.trim().normalize("NFC"));
      }}
    >
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={3} value={text} onChange={(e) => setText(e.target.value)} autoFocus />
      <div className="row">
        <button type="submit" className="button" disabled={!text.trim()}>
          {t("annotations.save")}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t("annotations.cancel")}
        </button>
      </div>
    </form>
  );
}

/** An opened mark: its text and author; for one's own, colour, text, sharing and delete. */
function AnnotationCard({ annotation, rotation, me, api, onClose }: { annotation: AnnotationPayload; rotation: Rotation; me: string; api: AnnotationsApi; onClose: () => void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const bounds = geometryBounds(annotation.geometry);
  const anchor = rectToView({ x: bounds.x0, y: bounds.y0, w: bounds.x1 - bounds.x0, h: bounds.y1 - bounds.y0 }, rotation);
  const at = { x: anchor.x, y: Math.min(anchor.y + anchor.h, 0.9) };
  const mine = annotation.userId === me;
  if (editing) {
    return (
      <TextEditor
        at={at}
        label={t(annotation.kind === "note" ? "annotations.noteText" : "annotations.textBox")}
        initial={annotation.text ?? ""}
        onCancel={() => setEditing(false)}
        onSave={(text) => {
          api.update(annotation, { text });
          setEditing(false);
        }}
      />
    );
  }
  return (
    <div className="annotation-card" role="dialog" aria-label={t(`annotations.${annotation.kind}`)} style={{ left: `${Math.min(at.x, 0.6) * 100}%`, top: `${at.y * 100}%` }} onPointerDown={(e) => e.stopPropagation()}>
      {annotation.text ? <p className="annotation-text">{annotation.text}</p> : null}
      {!mine ? <p className="muted">{t("annotations.by", { name: annotation.authorName })}</p> : null}
      {mine ? (
        <>
          <p className="muted">{t("annotations.moveHint")}</p>
          <div className="annotation-colors" role="radiogroup" aria-label={t("annotations.color")}>
            {colors.map((c) => (
              <button key={c} type="button" role="radio" aria-checked={annotation.color === c} aria-label={t(`annotations.colors.${c}`)} className="swatch" data-color={c} onClick={() => api.update(annotation, { color: c })} />
            ))}
          </div>
          {annotation.kind === "note" || annotation.kind === "freetext" ? (
            <button type="button" className="button secondary" onClick={() => setEditing(true)}>
              {t("annotations.edit")}
            </button>
          ) : null}
          <label className="choice">
            <input type="checkbox" checked={annotation.shared} onChange={(e) => api.update(annotation, { shared: e.target.checked })} />
            {t("annotations.share")}
          </label>
          <button
            type="button"
            className="button danger"
            onClick={() => {
              api.remove(annotation);
              onClose();
            }}
          >
            {t("annotations.delete")}
          </button>
        </>
      ) : null}
      <button type="button" className="button secondary" onClick={onClose}>
        {t("annotations.cancel")}
      </button>
    </div>
  );
}

/**
 * The text the reader selected, as highlight rectangles per page (fractions of each page, stored frame). Lines of
 * one selection become several rectangles on each page they cross.
 */
export function selectionToHighlights(selection: Selection, pages: Map<number, PageSurface>) {
  const byPage = new Map<number, Rect[]>();
  if (selection.isCollapsed || selection.rangeCount === 0) return byPage;
  const rects = [...selection.getRangeAt(0).getClientRects()].filter((r) => r.width > 1 && r.height > 1);
  for (const [page, surface] of pages) {
    const pageDiv = surface.container.parentElement;
    if (!pageDiv) continue;
    const box = pageDiv.getBoundingClientRect();
    for (const r of rects) {
      const cx = r.left + r.width / 2;
      const cy = r.top + r.height / 2;
      if (cx < box.left || cx > box.right || cy < box.top || cy > box.bottom) continue;
      const view = { x: (r.left - box.left) / box.width, y: (r.top - box.top) / box.height, w: r.width / box.width, h: r.height / box.height };
      byPage.set(page, [...(byPage.get(page) ?? []), rectFromView(view, surface.rotation)]);
    }
  }
  return byPage;
}
