import i18next, { type i18n, type TFunction } from "i18next";
import type { Locale } from "#db/schema";
import { en } from "./locales/en";
import { vi } from "./locales/vi";

export const defaultLocale: Locale = "vi";
export const resources = { vi: { translation: vi }, en: { translation: en } };
export const localeCookieName = "phonghop_lng";

export function isLocale(value: unknown): value is Locale {
  return value === "vi" || value === "en";
}

export function createI18n(locale: Locale): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: defaultLocale,
    resources,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}

const instances = new Map<Locale, i18n>();

/** A translator for server code (loaders, actions, socket handlers, generated files). */
export function getT(locale: Locale): TFunction {
  let instance = instances.get(locale);
  if (!instance) {
    instance = createI18n(locale);
    instances.set(locale, instance);
  }
  return instance.t;
}
