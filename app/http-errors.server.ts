import type { Locale } from "#db/schema";
import { forbidden, notFound } from "~/auth/guards.server";
import { getT } from "~/i18n/i18n";
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
 * in the reader's language instead of a bare status text.
 */
export async function withErrorPage(locale: Locale, fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof Response && (error.status === 403 || error.status === 404)) return errorPage(error.status, locale);
    throw error;
  }
}

function errorPage(status: 403 | 404, locale: Locale) {
  const t = getT(locale);
  const kind = status === 403 ? "forbidden" : "notFound";
  const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(t(`errorPage.${kind}.title`))}</title></head><body><main><h1>${escape(t(`errorPage.${kind}.title`))}</h1><p>${escape(t(`errorPage.${kind}.body`))}</p><p><a href="/">${escape(t("errorPage.home"))}</a></p></main></body></html>`;
  return new Response(html, { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}
