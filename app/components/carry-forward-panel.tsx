// Offered when a newer version of a document arrives (issue #4): the reader's marks on the earlier version, page by
// page, with the pages whose text changed flagged, to carry forward or leave for later.
import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CarryForwardOffer } from "~/models/carry-forward.server";

const laterKey = (versionId: string, from: string) => `phonghop.carry-later.${versionId}.${from}`;

/** What the reader is told of a page: anything but "same" asks them to check the marks. */
const flag = (p: CarryForwardOffer["pages"][number]) => (p.missing ? "missing" : p.changed === null ? "unknown" : p.changed ? "changed" : "same");

export function CarryForwardPanel({ offer, versionId, error }: { offer: CarryForwardOffer; versionId: string; error?: string }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [later, setLater] = useState(false);
  useEffect(() => setLater(sessionStorage.getItem(laterKey(versionId, offer.fromVersionId)) === "1"), [versionId, offer.fromVersionId]);
  if (later) return null;
  return (
    <section className="card carry-forward" aria-labelledby="carry-forward-title">
      <h2 id="carry-forward-title">{t("annotations.carry.title", { from: offer.fromVersion })}</h2>
      <Form method="post">
        <input type="hidden" name="from" value={offer.fromVersionId} />
        <fieldset>
          <legend>{t("annotations.carry.intro", { from: offer.fromVersion, to: offer.toVersion })}</legend>
          <ul className="carry-pages">
            {offer.pages.map((p) => {
              const note = flag(p);
              return (
                <li key={p.page} data-flag={note}>
                  <label className="choice">
                    <input type="checkbox" name="page" value={p.page} defaultChecked={!p.missing} disabled={p.missing} />
                    {t("annotations.carry.page", { page: p.page, count: p.count })}
                  </label>{" "}
                  <span className={note === "same" ? "muted" : "badge warning"}>{t(`annotations.carry.${note}`)}</span>
                </li>
              );
            })}
          </ul>
        </fieldset>
        {error ? (
          <p className="notice warning" role="alert">
            {error}
          </p>
        ) : null}
        <div className="row">
          <button type="submit" className="button" disabled={navigation.state !== "idle"}>
            {t("annotations.carry.submit")}
          </button>
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              sessionStorage.setItem(laterKey(versionId, offer.fromVersionId), "1");
              setLater(true);
            }}
          >
            {t("annotations.carry.later")}
          </button>
        </div>
      </Form>
    </section>
  );
}
