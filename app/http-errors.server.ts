import type { Locale } from "#db/schema";
import { forbidden, notFound } from "~/auth/guards.server";
import { getT } from "~/i18n/i18n";
import { logger } from "~/logger.server";
import { AppError } from "~/models/app-error";

/** Runs a model call for a loader: its "not found" and "forbidden" become the 404 and 403 pages. */
export function throwHttp<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") throw notFound();
    if (error instanceof AppError && error.code === "forbidden") throw forbidden();
    throw error;
  }
}

/**
 * For resource routes a person opens directly (a file, a PDF): a refused or missing thing answers with a short page
 * in the reader's language instead of a bare status text, and so does a domain error (AppError). With `failed` (an
 * i18n key), any other failure is logged with its cause and answered with that message, as a file that could not be
 * made (422) rather than a 500.
 */
export async function withErrorPage(locale: Locale, fn: () => Promise<Response>, failed?: string): Promise<Response> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof Response && (error.status === 403 || error.status === 404)) {
      const t = getT(locale);
      const kind = error.status === 403 ? "forbidden" : "notFound";
      return errorPage(error.status, locale, t(`errorPage.${kind}.title`), t(`errorPage.${kind}.body`));
    }
    if (error instanceof AppError) return failurePage(error, locale);
    if (error instanceof Response || !failed) throw error;
    logger.error({ err: error }, failed);
    return failurePage(new AppError("unprocessable", failed), locale);
  }
}

function failurePage(error: AppError, locale: Locale) {
  const t = getT(locale);
  return errorPage(error.status, locale, t("errorPage.failed.title"), t(error.message, error.params));
}

function errorPage(status: number, locale: Locale, title: string, body: string) {
  const t = getT(locale);
  const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title></head><body><main><h1>${escape(title)}</h1><p>${escape(body)}</p><p><a href="/">${escape(t("errorPage.home"))}</a></p></main></body></html>`;
  return new Response(html, { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}
