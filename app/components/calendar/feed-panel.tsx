import { Form, useNavigation } from "@remix-run/react";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { CopyIcon, ShieldIcon, SyncIcon } from "./icons";

/**
 * "Đồng bộ lịch": the user's private feed URL with a copy button, and a new link on request (which revokes the old
 * one, so it asks first). Until the user asks for a feed there is no token at all.
 */
export function FeedPanel({ feedUrl }: { feedUrl: string | null }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formMethod?.toUpperCase() === "POST";
  return (
    <section className="card cal-feed" aria-labelledby="feed-heading" id="dong-bo-lich">
      <div className="cal-feed-head">
        <span className="cal-feed-icon">
          <SyncIcon />
        </span>
        <div>
          <h2 id="feed-heading">{t("calendar.feed.title")}</h2>
          <p className="muted">{t("calendar.feed.intro")}</p>
        </div>
      </div>
      {feedUrl ? (
        // Keyed by the URL: a new link starts with the copy message and the confirmation closed.
        <FeedLink key={feedUrl} feedUrl={feedUrl} busy={busy} />
      ) : (
        <div className="cal-feed-body">
          <p>{t("calendar.feed.none")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="create-feed" />
            <button type="submit" className="button" disabled={busy}>
              {t("calendar.feed.create")}
            </button>
          </Form>
          <p className="muted cal-feed-scope">{t("calendar.feed.scope")}</p>
        </div>
      )}
    </section>
  );
}

function FeedLink({ feedUrl, busy }: { feedUrl: string; busy: boolean }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");

  async function copyLink() {
    try {
      await navigator.clipboard.writeText(feedUrl);
      setCopy("copied");
    } catch {
      // No clipboard (plain HTTP on the hall's LAN, or refused): select the text so it can be copied by hand.
      input.current?.select();
      setCopy("failed");
    }
  }

  return (
    <div className="cal-feed-body">
      <div className="field">
        <label htmlFor="feed-url">{t("calendar.feed.urlLabel")}</label>
        <div className="cal-feed-url">
          <input
            id="feed-url"
            ref={input}
            type="text"
            readOnly
            value={feedUrl}
            spellCheck={false}
            aria-describedby="feed-secret"
            onFocus={(event) => event.currentTarget.select()}
          />
          <button type="button" className="button" onClick={copyLink}>
            <CopyIcon />
            {t("calendar.feed.copy")}
          </button>
        </div>
        <p className={`cal-copy-status${copy === "failed" ? " is-error" : ""}`} role="status">
          {copy === "copied" ? t("calendar.feed.copied") : copy === "failed" ? t("calendar.feed.copyFailed") : ""}
        </p>
        <p id="feed-secret" className="cal-feed-secret">
          <ShieldIcon />
          <span>{t("calendar.feed.secret")}</span>
        </p>
      </div>
      <div className="row">
        <a className="button secondary" href={feedUrl.replace(/^https?:/, "webcal:")}>
          {t("calendar.feed.open")}
        </a>
      </div>
      <p className="muted cal-feed-scope">{t("calendar.feed.scope")}</p>
      <details className="cal-rotate">
        <summary className="button secondary">{t("calendar.feed.rotate")}</summary>
        <div className="cal-rotate-body">
          <p>{t("calendar.feed.rotateWarning")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="rotate-feed" />
            <button type="submit" className="button danger" disabled={busy}>
              {t("calendar.feed.rotateConfirm")}
            </button>
          </Form>
        </div>
      </details>
    </div>
  );
}
