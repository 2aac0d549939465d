// The document viewer: PDF.js (served from public/, never bundled — DESIGN §8) with its PDFViewer component for
// continuous scrolling that renders only the pages near the screen, a text layer, and find with highlights.
// Range loading: the file is fetched in chunks as pages need them, so page 1 shows before the rest arrives.
import type * as PdfjsLib from "pdfjs-dist";
import type { EventBus, PDFFindController, PDFViewer } from "pdfjs-dist/web/pdf_viewer.mjs";
import { useCallback, useEffect, useRef, useState, type MouseEvent as ReactMouseEvent, type WheelEvent as ReactWheelEvent } from "react";
import { useTranslation } from "react-i18next";
import { createPortal } from "react-dom";
import { fromView, normalizeRotation, roundPoint } from "~/annotations/geometry";
import { AnnotationOverlays, colors, selectionToHighlights, useAnnotations, type AnnotationsApi, type PageSurface, type Tool } from "./annotation-layer";

type ViewerLib = typeof import("pdfjs-dist/web/pdf_viewer.mjs");

export type ViewerProps = {
  url: string;
  /** Lets the reader annotate (their own notes, shareable). */
  annotate?: { versionId: string; me: { id: string; fullName: string } };
  pdfjsVersion: string;
  /** Lines drawn over every page (confidential documents: the reader's name). */
  watermark?: string[];
  initialPage?: number;
  /** Told each time the reader's current page changes. */
  onPageChange?: (page: number) => void;
  /** A page to go to now (following the presenter); a new `key` asks again for the same page. */
  pageRequest?: { page: number; key: string } | null;
  /** Picking a spot on a page (where a signature goes): the spot in the page's unrotated frame, shown with a marker. */
  /**
   * Choosing where something goes (a signature): a click picks the spot; `boxes` are what will be drawn there, as
   * fractions of the page as shown (the signer's box and the seal, as planned by the server).
   */
  place?: { value: PagePlace | null; onChange: (place: PagePlace) => void; label: string; boxes?: PlannedBoxes | null };
};

/** A spot on a page: page number (from 1) and fractions of the unrotated page from its top-left corner. */
export type PagePlace = { page: number; x: number; y: number };
export type PlannedBoxes = { page: number; boxes: { id: string; label: string; x: number; y: number; w: number; h: number }[] };

type State = { status: "loading" | "ready" | "error"; pages: number; page: number; scale: number; loaded: number; total: number };

const minScale = 0.25;
const maxScale = 5;

export function PdfViewer({ url, pdfjsVersion, watermark, initialPage = 1, annotate, onPageChange, pageRequest, place }: ViewerProps) {
  const { t } = useTranslation();
  const containerRef = useRef<HTMLDivElement>(null);
  const viewerRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const highlightTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const api = useRef<{ viewer: PDFViewer; eventBus: EventBus; find: PDFFindController; pdf: PdfjsLib.PDFDocumentProxy } | null>(null);
  const [state, setState] = useState<State>({ status: "loading", pages: 0, page: 1, scale: 1, loaded: 0, total: 0 });
  const [query, setQuery] = useState("");
  const [matches, setMatches] = useState<{ current: number; total: number } | null>(null);
  const [thumbnails, setThumbnails] = useState(false);
  const [pageInput, setPageInput] = useState("1");
  const [surfaces, setSurfaces] = useState<Map<number, PageSurface>>(new Map());
  const [tool, setTool] = useState<Tool>("select");
  const [color, setColor] = useState<string>(colors[0]);
  const annotations = useOptionalAnnotations(annotate);

  useEffect(() => {
    let cancelled = false;
    let task: PdfjsLib.PDFDocumentLoadingTask | null = null;
    (async () => {
      // The modern build needs a recent browser; older office PCs get the legacy build.
      const flavour = typeof (Promise as unknown as { withResolvers?: unknown }).withResolvers === "function" ? "modern" : "legacy";
      const base = `/pdfjs/${pdfjsVersion}`;
      const lib = (await import(/* webpackIgnore: true */ `${base}/${flavour}/pdf.mjs`)) as typeof PdfjsLib;
      lib.GlobalWorkerOptions.workerSrc = `${base}/${flavour}/pdf.worker.mjs`;
      (globalThis as unknown as { pdfjsLib: typeof PdfjsLib }).pdfjsLib = lib;
      const viewerLib = (await import(/* webpackIgnore: true */ `${base}/${flavour}/pdf_viewer.mjs`)) as ViewerLib;
      if (cancelled || !containerRef.current || !viewerRef.current) return;

      const eventBus = new viewerLib.EventBus();
      const linkService = new viewerLib.PDFLinkService({ eventBus });
      const find = new viewerLib.PDFFindController({ eventBus, linkService });
      const viewer = new viewerLib.PDFViewer({
        container: containerRef.current,
        viewer: viewerRef.current,
        eventBus,
        linkService,
        findController: find,
        textLayerMode: 1,
        annotationMode: lib.AnnotationMode.ENABLE,
        removePageBorders: false,
      });
      linkService.setViewer(viewer);

      task = lib.getDocument({
        url,
        withCredentials: true,
        // Fetch only what the visible pages need, in 128 KiB ranges.
        rangeChunkSize: 131_072,
        disableAutoFetch: true,
        disableStream: true,
        cMapUrl: `${base}/cmaps/`,
        cMapPacked: true,
        standardFontDataUrl: `${base}/standard_fonts/`,
        wasmUrl: `${base}/wasm/`,
        isEvalSupported: false,
      });
      task.onProgress = ({ loaded, total }: { loaded: number; total: number }) => {
        if (!cancelled) setState((s) => ({ ...s, loaded, total }));
      };
      const pdf = await task.promise;
      if (cancelled) return;
      api.current = { viewer, eventBus, find, pdf };

      eventBus.on("pagesinit", () => {
        viewer.currentScaleValue = "page-width";
        if (initialPage > 1) viewer.currentPageNumber = Math.min(initialPage, pdf.numPages);
        setState((s) => ({ ...s, status: "ready", pages: pdf.numPages, page: viewer.currentPageNumber, scale: viewer.currentScale }));
      });
      eventBus.on("pagechanging", ({ pageNumber }: { pageNumber: number }) => {
        setState((s) => ({ ...s, page: pageNumber }));
        setPageInput(String(pageNumber));
      });
      eventBus.on("scalechanging", ({ scale }: { scale: number }) => setState((s) => ({ ...s, scale })));
      eventBus.on("updatefindmatchescount", ({ matchesCount }: { matchesCount: { current: number; total: number } }) => setMatches(matchesCount));
      eventBus.on("updatefindcontrolstate", ({ matchesCount }: { matchesCount: { current: number; total: number } }) => setMatches(matchesCount));
      if (watermark?.length) {
        eventBus.on("pagerendered", ({ source }: { source: { div: HTMLElement } }) => stampOverlay(source.div, watermark));
      }
      // Each rendered page gets a host for its annotations (PDF.js may clear page elements when it redraws).
      eventBus.on("pagerendered", ({ pageNumber, source }: { pageNumber: number; source: { div: HTMLElement; viewport: { rotation: number } } }) => {
        let host = source.div.querySelector<HTMLElement>(":scope > .annotation-host");
        if (!host) {
          host = document.createElement("div");
          host.className = "annotation-host";
          source.div.append(host);
        }
        const surface = { container: host, rotation: normalizeRotation(source.viewport.rotation) };
        setSurfaces((all) => {
          const current = all.get(pageNumber);
          if (current && current.container === surface.container && current.rotation === surface.rotation) return all;
          return new Map(all).set(pageNumber, surface);
        });
      });
      viewer.setDocument(pdf);
      linkService.setDocument(pdf);
    })().catch((error: unknown) => {
      if (!cancelled) {
        console.warn("PDF viewer failed", error);
        setState((s) => ({ ...s, status: "error" }));
      }
    });
    return () => {
      cancelled = true;
      void task?.destroy();
      api.current = null;
    };
  }, [url, pdfjsVersion, initialPage, watermark]);

  const goTo = useCallback((page: number) => {
    const current = api.current;
    if (!current) return;
    current.viewer.currentPageNumber = Math.max(1, Math.min(page, current.pdf.numPages));
  }, []);

  const pageChanged = useRef(onPageChange);
  pageChanged.current = onPageChange;
  useEffect(() => {
    if (state.status === "ready") pageChanged.current?.(state.page);
  }, [state.status, state.page]);

  useEffect(() => {
    if (pageRequest && state.status === "ready") goTo(pageRequest.page);
  }, [pageRequest, state.status, goTo]);

  const zoom = useCallback((factor: number | "page-width") => {
    const current = api.current;
    if (!current) return;
    if (factor === "page-width") current.viewer.currentScaleValue = "page-width";
    else current.viewer.currentScale = Math.max(minScale, Math.min(maxScale, current.viewer.currentScale * factor));
  }, []);

  function search(again: boolean, previous = false) {
    api.current?.eventBus.dispatch("find", { source: null, type: again ? "again" : "", query, caseSensitive: false, entireWord: false, highlightAll: true, findPrevious: previous, matchDiacritics: false });
  }

  // Picking a spot: a click on a page, as a point of the unrotated page.
  function pickPlace(event: ReactMouseEvent) {
    if (!place) return;
    const pageDiv = (event.target as HTMLElement).closest<HTMLElement>(".page[data-page-number]");
    if (!pageDiv) return;
    const page = Number(pageDiv.dataset.pageNumber);
    const box = pageDiv.getBoundingClientRect();
    const seen = { x: (event.clientX - box.left) / box.width, y: (event.clientY - box.top) / box.height };
    place.onChange({ page, ...roundPoint(fromView(seen, surfaces.get(page)?.rotation ?? 0)) });
  }

  // Ctrl + wheel (and a trackpad's pinch, which browsers report the same way) zooms the document, not the page.
  function onWheel(event: ReactWheelEvent) {
    if (!event.ctrlKey) return;
    event.preventDefault();
    zoom(event.deltaY < 0 ? 1.1 : 1 / 1.1);
  }

  usePinchZoom(containerRef, zoom);
  useFillViewport(bodyRef);
  // A highlight still waiting for its selection to settle is not made once the viewer is gone.
  useEffect(() => () => clearTimeout(highlightTimer.current), []);

  return (
    <div className="pdf-viewer" data-status={state.status}>
      {/* PDF.js's own page styles, from the same version as its scripts; every viewer brings them along. */}
      <link rel="stylesheet" href={`/pdfjs/${pdfjsVersion}/modern/pdf_viewer.css`} />
      <div className="viewer-toolbar" role="toolbar" aria-label={t("viewer.toolbar")}>
        <button type="button" className="button secondary" onClick={() => setThumbnails((v) => !v)} aria-pressed={thumbnails}>
          {t("viewer.thumbnails")}
        </button>
        <button type="button" className="button secondary" onClick={() => goTo(state.page - 1)} disabled={state.page <= 1} aria-label={t("viewer.previousPage")}>
          ‹
        </button>
        <form
          className="viewer-page"
          onSubmit={(e) => {
            e.preventDefault();
            goTo(Number(pageInput) || 1);
          }}
        >
          <label htmlFor="viewer-page-input">{t("viewer.page")}</label>
          <input id="viewer-page-input" inputMode="numeric" value={pageInput} onChange={(e) => setPageInput(e.target.value.replace(/\D/g, ""))} size={4} />
          <span data-testid="page-count">/ {state.pages || "…"}</span>
        </form>
        <button type="button" className="button secondary" onClick={() => goTo(state.page + 1)} disabled={!state.pages || state.page >= state.pages} aria-label={t("viewer.nextPage")}>
          ›
        </button>
        <button type="button" className="button secondary" onClick={() => zoom(1 / 1.2)} aria-label={t("viewer.zoomOut")}>
          −
        </button>
        <span className="viewer-scale" data-testid="zoom">
          {Math.round(state.scale * 100)}%
        </span>
        <button type="button" className="button secondary" onClick={() => zoom(1.2)} aria-label={t("viewer.zoomIn")}>
          +
        </button>
        <button type="button" className="button secondary" onClick={() => zoom("page-width")}>
          {t("viewer.fitWidth")}
        </button>
        {annotate ? <AnnotationTools tool={tool} setTool={setTool} color={color} setColor={setColor} api={annotations!} /> : null}
        <form
          className="viewer-search"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            search(false);
          }}
        >
          <label htmlFor="viewer-search-input" className="visually-hidden">
            {t("viewer.search")}
          </label>
          <input id="viewer-search-input" type="search" value={query} placeholder={t("viewer.search")} onChange={(e) => setQuery(e.target.value)} />
          <button type="submit" className="button secondary">
            {t("viewer.find")}
          </button>
          <button type="button" className="button secondary" onClick={() => search(true, true)} disabled={!matches?.total} aria-label={t("viewer.previousMatch")}>
            ↑
          </button>
          <button type="button" className="button secondary" onClick={() => search(true)} disabled={!matches?.total} aria-label={t("viewer.nextMatch")}>
            ↓
          </button>
          <span role="status" data-testid="match-count">
            {matches ? (matches.total ? t("viewer.matches", { current: matches.current, total: matches.total }) : t("viewer.noMatches")) : ""}
          </span>
        </form>
      </div>
      {state.status === "loading" ? (
        <div className="viewer-progress" role="status">
          {t("viewer.loading")}
          {state.total ? ` ${Math.round((state.loaded / state.total) * 100)}%` : ""}
        </div>
      ) : null}
      {state.status === "error" ? (
        <p className="notice warning" role="alert">
          {t("viewer.error")}
        </p>
      ) : null}
      <div className="viewer-body" ref={bodyRef}>
        {thumbnails && api.current ? <Thumbnails pdf={api.current.pdf} current={state.page} onPick={goTo} /> : null}
        {place?.boxes && surfaces.get(place.boxes.page) ? <PlannedBoxesOverlay planned={place.boxes} surface={surfaces.get(place.boxes.page)!} /> : null}
        {annotate && annotations ? <AnnotationOverlays pages={surfaces} api={annotations} tool={tool} color={color} me={annotate.me.id} /> : null}
        <div className="viewer-stage">
          <div
            ref={containerRef}
            className="viewer-container"
            onWheel={onWheel}
            onClick={pickPlace}
            onPointerUp={() => {
              // With the highlighter, a finished text selection becomes a highlight on each page it covers. A double
              // or triple click (a word, a line) settles first: one highlight, of the last selection.
              if (tool !== "highlight" || !annotations) return;
              clearTimeout(highlightTimer.current);
              highlightTimer.current = setTimeout(() => {
                const selection = window.getSelection();
                if (!selection) return;
                for (const [page, rects] of selectionToHighlights(selection, surfaces)) {
                  if (rects.length) annotations.create({ page, kind: "highlight", color, geometry: { rects } });
                }
                selection.removeAllRanges();
              }, 400);
            }}
            tabIndex={0}
            role="region"
            aria-label={t("viewer.document")}
          >
            <div ref={viewerRef} className="pdfViewer" />
          </div>
        </div>
      </div>
    </div>
  );
}

/** What will be drawn where (the signature and the seal), outlined on the page as the reader sees it. */
function PlannedBoxesOverlay({ planned, surface }: { planned: PlannedBoxes; surface: PageSurface }) {
  return createPortal(
    <>
      {planned.boxes.map((box) => (
        <div
          key={box.id}
          className="place-marker"
          data-testid={`planned-${box.id}`}
          data-box={[box.x, box.y, box.w, box.h].map((v) => v.toFixed(4)).join(" ")}
          style={{ left: `${box.x * 100}%`, top: `${box.y * 100}%`, width: `${box.w * 100}%`, height: `${box.h * 100}%` }}
        >
          {box.label}
        </div>
      ))}
    </>,
    surface.container,
  );
}

/** The annotations of the document when annotating is on (hooks cannot be called conditionally). */
function useOptionalAnnotations(annotate: ViewerProps["annotate"]) {
  const api = useAnnotations(annotate?.versionId ?? "", annotate?.me ?? { id: "", fullName: "" });
  return annotate ? api : null;
}

function AnnotationTools({ tool, setTool, color, setColor, api }: { tool: Tool; setTool: (t: Tool) => void; color: string; setColor: (c: string) => void; api: AnnotationsApi }) {
  const { t } = useTranslation();
  return (
    <div className="annotation-tools" role="group" aria-label={t("annotations.tools")}>
      {(["select", "highlight", "rect", "ink", "note", "text"] as const).map((name) => (
        <button key={name} type="button" className="button secondary" aria-pressed={tool === name} onClick={() => setTool(name)}>
          {t(`annotations.${name}`)}
        </button>
      ))}
      <div className="annotation-colors" role="radiogroup" aria-label={t("annotations.color")}>
        {colors.map((c) => (
          <button key={c} type="button" role="radio" aria-checked={color === c} aria-label={t(`annotations.colors.${c}`)} className="swatch" data-color={c} onClick={() => setColor(c)} />
        ))}
      </div>
      <button type="button" className="button secondary" onClick={api.undo} disabled={!api.canUndo}>
        {t("annotations.undo")}
      </button>
      <button type="button" className="button secondary" onClick={api.redo} disabled={!api.canRedo}>
        {t("annotations.redo")}
      </button>
      <span role="status" className="annotation-status">
        {api.error ? t("annotations.notSaved", { message: api.error }) : api.saving ? t("annotations.saving") : ""}
      </span>
    </div>
  );
}

function stampOverlay(pageDiv: HTMLElement, lines: string[]) {
  if (pageDiv.querySelector(".viewer-watermark")) return;
  const overlay = document.createElement("div");
  overlay.className = "viewer-watermark";
  overlay.setAttribute("aria-hidden", "true");
  for (const line of lines) {
    const span = document.createElement("span");
    span.textContent = line;
    overlay.append(span);
  }
  pageDiv.append(overlay);
}

/**
 * Sizes the viewer to the rest of the screen below the title and toolbars (which wrap onto more lines on a tablet), so
 * the document scrolls inside the viewer and nothing ever slides under the toolbar.
 */
function useFillViewport(ref: React.RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const fit = () => {
      const top = element.getBoundingClientRect().top + window.scrollY;
      element.style.height = `${Math.max(420, window.innerHeight - top - 8)}px`;
    };
    fit();
    const observer = new ResizeObserver(fit);
    // Whatever above it changes height (a toolbar wrapping, a bar appearing) moves it.
    const around = [...(element.parentElement?.children ?? []), ...(element.parentElement?.parentElement?.children ?? [])];
    for (const other of around) if (!other.contains(element)) observer.observe(other);
    window.addEventListener("resize", fit);
    return () => {
      observer.disconnect();
      window.removeEventListener("resize", fit);
    };
  }, [ref]);
}

/** Two fingers apart or together zoom the document (tablets); one finger scrolls as usual. */
function usePinchZoom(ref: React.RefObject<HTMLDivElement | null>, zoom: (factor: number) => void) {
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    let distance = 0;
    const spread = (e: TouchEvent) => Math.hypot(e.touches[0].clientX - e.touches[1].clientX, e.touches[0].clientY - e.touches[1].clientY);
    const start = (e: TouchEvent) => {
      if (e.touches.length === 2) distance = spread(e);
    };
    const move = (e: TouchEvent) => {
      if (e.touches.length !== 2 || !distance) return;
      e.preventDefault();
      const next = spread(e);
      if (Math.abs(next - distance) > 12) {
        zoom(next / distance);
        distance = next;
      }
    };
    const end = () => {
      distance = 0;
    };
    element.addEventListener("touchstart", start, { passive: true });
    element.addEventListener("touchmove", move, { passive: false });
    element.addEventListener("touchend", end);
    return () => {
      element.removeEventListener("touchstart", start);
      element.removeEventListener("touchmove", move);
      element.removeEventListener("touchend", end);
    };
  }, [ref, zoom]);
}

/** Small pictures of the pages, each drawn only when it scrolls into view. */
function Thumbnails({ pdf, current, onPick }: { pdf: PdfjsLib.PDFDocumentProxy; current: number; onPick: (page: number) => void }) {
  const { t } = useTranslation();
  const pages = Array.from({ length: pdf.numPages }, (_, i) => i + 1);
  return (
    <nav className="viewer-thumbnails" aria-label={t("viewer.thumbnails")}>
      <ol>
        {pages.map((n) => (
          <li key={n}>
            <button type="button" onClick={() => onPick(n)} aria-current={n === current ? "page" : undefined} aria-label={t("viewer.goToPage", { page: n })}>
              <Thumbnail pdf={pdf} page={n} />
              <span>{n}</span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}

function Thumbnail({ pdf, page }: { pdf: PdfjsLib.PDFDocumentProxy; page: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    let done = false;
    const observer = new IntersectionObserver(async (entries) => {
      if (done || !entries.some((e) => e.isIntersecting)) return;
      done = true;
      observer.disconnect();
      const proxy = await pdf.getPage(page);
      const viewport = proxy.getViewport({ scale: 1 });
      const scale = 120 / viewport.width;
      const scaled = proxy.getViewport({ scale });
      element.width = Math.floor(scaled.width);
      element.height = Math.floor(scaled.height);
      await proxy.render({ canvas: element, viewport: scaled }).promise;
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [pdf, page]);
  return <canvas ref={canvas} width={120} height={170} />;
}
