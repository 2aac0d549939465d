// "Follow the presenter" (issue #4): the strip above a sitting's pages and documents that says what is presented,
// lets a participant follow it (and stop at any time), and lets the chair or secretary present from the viewer.
import { useNavigate } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { PresentationPayload } from "~/realtime/events";
import type { PresentationState } from "~/realtime/use-presentation";

type Props = {
  state: PresentationState;
  me: string;
  /** In the viewer: the document shown, its page, and whether this reader may present it. */
  here?: {
    versionId: string;
    page: number;
    canPresent: boolean;
    onFollow: (page: number) => void;
  };
};

export function presentationHref(p: PresentationPayload) {
  return `/documents/${p.versionId}#page=${p.page}`;
}

export function PresentationBar({ state, me, here }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { presentation, following, setFollowing, present, stop, error } = state;
  const mine = presentation?.presenterId === me;
  const presentingHere = mine && !!here && presentation?.versionId === here.versionId;

  // `here` changes with every page turn; the effects below read it through a ref and run on what matters to them.
  const hereRef = useRef(here);
  hereRef.current = here;

  // A follower goes where the presenter is: another page of this document, or another document.
  const target = following && presentation && presentation.presenterId !== me ? presentation : null;
  useEffect(() => {
    if (!target) return;
    const current = hereRef.current;
    if (current && target.versionId === current.versionId) current.onFollow(target.page);
    else navigate(presentationHref(target));
  }, [target?.versionId, target?.page, target?.updatedAt, navigate]);

  // The presenter's own page turns are what the followers see (a quick run of turns sends only the last).
  const page = here?.page;
  const presentedPage = presentation?.page;
  useEffect(() => {
    const current = hereRef.current;
    if (!presentingHere || !current || page === undefined || page === presentedPage) return;
    const timer = setTimeout(() => present(current.versionId, page), 250);
    return () => clearTimeout(timer);
  }, [presentingHere, page, presentedPage, present]);

  const label = (p: PresentationPayload) => `${t(`documents.types.${p.type}`, { defaultValue: p.type })}${p.reference ? ` ${p.reference}` : ""} — ${p.summary}`;
  return (
    <section className="presentation-bar" aria-label={t("presentation.region")} data-testid="presentation-bar">
      <p role="status">
        {presentingHere
          ? t("presentation.presenting", { page: presentation!.page })
          : mine
          ? t("presentation.presentingElsewhere", {
              document: label(presentation!),
              page: presentation!.page,
            })
          : presentation
          ? t("presentation.now", {
              presenter: presentation.presenterName,
              document: label(presentation),
              page: presentation.page,
            })
          : t("presentation.nothing")}
      </p>
      {mine ? (
        <button type="button" className="button danger" onClick={stop}>
          {t("presentation.stop")}
        </button>
      ) : (
        <>
          <label className="choice">
            <input type="checkbox" checked={following} onChange={(e) => setFollowing(e.target.checked)} />
            {t("presentation.follow")}
          </label>
          {presentation && !following && !(here && presentation.versionId === here.versionId) ? (
            <a className="button secondary" href={presentationHref(presentation)}>
              {t("presentation.open")}
            </a>
          ) : null}
          {here?.canPresent ? (
            <button type="button" className="button" onClick={() => present(here.versionId, here.page)}>
              {t("presentation.present")}
            </button>
          ) : null}
        </>
      )}
      {error ? (
        <p className="notice warning" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
