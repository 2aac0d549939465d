import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  return (
    <Form method="post" action="/language" className="lang-switch" aria-label={t("language.label")}>
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      {(["vi", "en"] as const).map((locale) => (
        <button
          key={locale}
          type="submit"
          name="locale"
          value={locale}
          className="button link"
          aria-pressed={i18n.language === locale}
          lang={locale}
        >
          {t(`language.${locale}`)}
        </button>
      ))}
    </Form>
  );
}
