// Annotations over the viewer's pages (issue #4): freehand ink and sticky notes, private by default and shareable,
// saved through socket commands (acknowledged once stored) and kept in step live across the user's devices and, for
// shared ones, the other readers. Geometry is stored in the unrotated page frame (app/annotations/geometry.ts).
import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from "react";
import { createPortal } from "react-dom";
import { useTranslation } from "react-i18next";
import { clampUnit, fromView, toView, type Point, type Rotation } from "~/annotations/geometry";
import type { AnnotationPayload } from "~/realtime/events";
import { useRealtime } from "~/realtime/realtime-provider";

export type Tool = "select" | "highlight" | "rect" | "ink" | "note";
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
  const [box, setBox] = useState<{ a: Point; b: Point } | null>(null);
  const [open, setOpen] = useState<string | null>(null);

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
    } else if (tool === "rect") {
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
      if (r.w > 0.005 && r.h > 0.005) api.create({ page, kind: "rect", color, geometry: { rects: [rectFromView(r, rotation)] } });
      setBox(null);
      return;
    }
    if (!stroke) return;
    if (stroke.length > 1) {
      api.create({ page, kind: "ink", color, geometry: { paths: [stroke.map((p) => round(fromView(p, rotation)))], width: 0.003 } });
    }
    setStroke(null);
  }

  const drawing = tool === "ink" || tool === "note" || tool === "rect";
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
        {items
          .filter((a) => a.kind === "highlight" || a.kind === "rect")
          .flatMap((a) =>
            (a.geometry.rects ?? []).map((r, i) => {
              const view = rectToView(r, rotation);
              return (
                <rect
                  key={`${a.id}-${i}`}
                  data-annotation={a.id}
                  data-kind={a.kind}
                  x={view.x}
                  y={view.y}
                  width={view.w}
                  height={view.h}
                  fill={a.color}
                  fillOpacity={0.35}
                  className="annotation-mark"
                  onClick={() => tool === "select" && setOpen(a.id)}
                />
              );
            }),
          )}
        {box ? <rect x={Math.min(box.a.x, box.b.x)} y={Math.min(box.a.y, box.b.y)} width={Math.abs(box.a.x - box.b.x)} height={Math.abs(box.a.y - box.b.y)} fill={color} fillOpacity={0.35} /> : null}
        {items
          .filter((a) => a.kind === "ink")
          .map((a) =>
            a.geometry.paths?.map((path, i) => (
              <polyline
                key={`${a.id}-${i}`}
                data-annotation={a.id}
                data-kind="ink"
                points={path.map((p) => toView(p, rotation)).map((p) => `${p.x},${p.y}`).join(" ")}
                fill="none"
                stroke={a.color}
                strokeWidth={3}
                vectorEffect="non-scaling-stroke"
                strokeLinecap="round"
                strokeLinejoin="round"
                onClick={() => tool === "select" && setOpen(a.id)}
              />
            )),
          )}
        {stroke ? (
          <polyline points={stroke.map((p) => `${p.x},${p.y}`).join(" ")} fill="none" stroke={color} strokeWidth={3} vectorEffect="non-scaling-stroke" />
        ) : null}
      </svg>
      {items
        .filter((a) => a.kind === "note" && a.geometry.at)
        .map((a) => {
          const at = toView(a.geometry.at!, rotation);
          return (
            <button
              key={a.id}
              type="button"
              className="annotation-pin"
              style={{ left: `${at.x * 100}%`, top: `${at.y * 100}%`, background: a.color }}
              aria-label={`${t("annotations.note")}: ${a.text ?? ""}${a.userId !== me ? ` (${t("annotations.by", { name: a.authorName })})` : ""}`}
              data-annotation={a.id}
              data-kind="note"
              onClick={() => setOpen(open === a.id ? null : a.id)}
            >
              ✎
            </button>
          );
        })}
      {draft ? (
        <NoteEditor
          at={draft}
          onCancel={() => setDraft(null)}
          onSave={(text) => {
            api.create({ page, kind: "note", color, geometry: { at: round(fromView(draft, rotation)) }, text });
            setDraft(null);
          }}
        />
      ) : null}
      {open && api.items.get(open) ? <AnnotationCard annotation={api.items.get(open)!} rotation={rotation} me={me} api={api} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}

function NoteEditor({ at, onSave, onCancel }: { at: Point; onSave: (text: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
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
      <label htmlFor="annotation-note-text">{t("annotations.noteText")}</label>
      <textarea id="annotation-note-text" rows={3} value={text} onChange={(e) => setText(e.target.value)} autoFocus />
      <div className="row">
        <button type="submit" className="button">
          {t("annotations.save")}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t("annotations.cancel")}
        </button>
      </div>
    </form>
  );
}

function AnnotationCard({ annotation, rotation, me, api, onClose }: { annotation: AnnotationPayload; rotation: Rotation; me: string; api: AnnotationsApi; onClose: () => void }) {
  const { t } = useTranslation();
  const first = annotation.geometry.at ?? annotation.geometry.paths?.[0]?.[0] ?? (annotation.geometry.rects?.[0] ? { x: annotation.geometry.rects[0].x, y: annotation.geometry.rects[0].y + annotation.geometry.rects[0].h } : { x: 0.1, y: 0.1 });
  const anchor = toView(first, rotation);
  const mine = annotation.userId === me;
  return (
    <div className="annotation-card" role="dialog" aria-label={t("annotations.note")} style={{ left: `${Math.min(anchor.x, 0.6) * 100}%`, top: `${anchor.y * 100}%` }} onPointerDown={(e) => e.stopPropagation()}>
      {annotation.text ? <p className="annotation-text">{annotation.text}</p> : null}
      {!mine ? <p className="muted">{t("annotations.by", { name: annotation.authorName })}</p> : null}
      {mine ? (
        <>
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

type Rect = { x: number; y: number; w: number; h: number };

/** A rectangle seen on the displayed page → the stored (unrotated) frame: both corners turn, then re-normalise. */
export function rectFromView(r: Rect, rotation: Rotation): Rect {
  const a = fromView({ x: r.x, y: r.y }, rotation);
  const b = fromView({ x: r.x + r.w, y: r.y + r.h }, rotation);
  return roundRect({ x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(a.x - b.x), h: Math.abs(a.y - b.y) });
}

function rectToView(r: Rect, rotation: Rotation): Rect {
  const a = toView({ x: r.x, y: r.y }, rotation);
  const b = toView({ x: r.x + r.w, y: r.y + r.h }, rotation);
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(a.x - b.x), h: Math.abs(a.y - b.y) };
}

function roundRect(r: Rect): Rect {
  const f = (v: number) => Math.round(clampUnit(v) * 1e5) / 1e5;
  return { x: f(r.x), y: f(r.y), w: f(r.w), h: f(r.h) };
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

function round(p: Point): Point {
  return { x: Math.round(p.x * 1e5) / 1e5, y: Math.round(p.y * 1e5) / 1e5 };
}
