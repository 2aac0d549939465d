import { forbidden, notFound } from "~/auth/guards.server";
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
