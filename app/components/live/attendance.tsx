// Attendance on the chair's or secretary's console (issue #10): members and everyone else counted apart, so the counts
// agree with N; each list folds away when long (the console stays short on a tablet) and filters by name, accents or not.
import { useId, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { foldText } from "~/models/search-text";
import type { LiveStatePayload } from "~/realtime/events";
import type { LiveSitting } from "~/realtime/use-live-sitting";

type Ready = LiveSitting & { state: LiveStatePayload };
type Person = LiveStatePayload["attendance"][number];

/** Lists longer than this start folded. */
const foldAbove = 8;

export function AttendanceCard({ live }: { live: Ready }) {
  const { t } = useTranslation();
  const { state, send, connected } = live;
  const inProgress = state.status === "in_progress";
  const members = state.attendance.filter((p) => p.member);
  const others = state.attendance.filter((p) => !p.member);
  const absentMembers = members.filter((p) => !p.present);
  const presentMembers = members.filter((p) => p.present);
  // Members in office the sitting did not invite: N counts them, no list shows them.
  const notInvited = Math.max(0, state.n - members.length);
  const guests = others.filter((p) => p.role === "guest");
  const staff = others.filter((p) => p.role !== "guest");
  const check = (p: Person, present: boolean) => send("checkin:set", { userId: p.userId, present });

  return (
    <section className="card attendance" aria-labelledby="attendance-heading" data-testid="attendance">
      <h2 id="attendance-heading">{t("live.attendance")}</h2>
      <ul className="attendance-summary">
        <li data-testid="member-counts">
          <strong>{t("live.members")}:</strong> {t("live.memberCounts", { present: state.present, n: state.n, absent: absentMembers.length })}
        </li>
        {notInvited ? <li data-testid="not-invited">{t("live.notInvited", { count: notInvited })}</li> : null}
        {guests.length ? (
          <li data-testid="guest-counts">
            <strong>{t("live.guests")}:</strong> {t("live.otherCounts", { present: guests.filter((p) => p.present).length, total: guests.length })}
          </li>
        ) : null}
        {staff.length ? (
          <li data-testid="staff-counts">
            <strong>{t("live.staff")}:</strong> {t("live.otherCounts", { present: staff.filter((p) => p.present).length, total: staff.length })}
          </li>
        ) : null}
      </ul>
      <PeopleList
        title={t("live.absentMembers", { count: absentMembers.length })}
        people={absentMembers}
        testId="absent-list"
        renderRow={(p) => (
          <>
            <span className="person">
              {p.fullName}
              <span className="muted person-detail">
                {p.reply === "absent" ? t("live.absentReason", { reason: p.absenceReason || t("live.noReason") }) : t(`attendance.${p.reply}`)}
              </span>
            </span>
            {inProgress ? (
              <button type="button" className="button secondary" disabled={!connected} onClick={() => check(p, true)} aria-label={`${t("live.markPresent")}: ${p.fullName}`}>
                {t("live.markPresent")}
              </button>
            ) : null}
          </>
        )}
      />
      {inProgress ? (
        <PeopleList
          title={t("live.presentMembers", { count: presentMembers.length })}
          people={presentMembers}
          testId="present-list"
          renderRow={(p) => (
            <>
              <span className="person">{p.fullName}</span>
              <button type="button" className="button secondary" disabled={!connected} onClick={() => check(p, false)} aria-label={`${t("live.markAbsent")}: ${p.fullName}`}>
                {t("live.markAbsent")}
              </button>
            </>
          )}
        />
      ) : null}
      {others.length ? (
        <PeopleList
          title={t("live.others", { present: others.filter((p) => p.present).length, total: others.length })}
          people={others}
          testId="others-list"
          renderRow={(p) => (
            <>
              <span className="person">
                {p.fullName}
                <span className="muted person-detail">
                  {t(`meetings.roles.${p.role}`)} · {p.present ? t("live.present") : t("live.absent")}
                </span>
              </span>
              {inProgress ? (
                <button
                  type="button"
                  className="button secondary"
                  disabled={!connected}
                  onClick={() => check(p, !p.present)}
                  aria-label={`${t(p.present ? "live.markAbsent" : "live.markPresent")}: ${p.fullName}`}
                >
                  {t(p.present ? "live.markAbsent" : "live.markPresent")}
                </button>
              ) : null}
            </>
          )}
        />
      ) : null}
    </section>
  );
}

/** A list that folds: its heading is the toggle; folded at first when long. A filter box once it is long. */
function PeopleList({ title, people, testId, renderRow }: { title: string; people: Person[]; testId: string; renderRow: (p: Person) => ReactNode }) {
  const { t } = useTranslation();
  const id = useId();
  // null: not chosen yet — folded when long. Once the user opens or folds it, it stays so.
  const [chosen, setChosen] = useState<boolean | null>(null);
  const [query, setQuery] = useState("");
  const expanded = chosen ?? people.length <= foldAbove;
  const long = people.length > foldAbove;
  const folded = foldText(query.trim());
  const shown = long && folded ? people.filter((p) => foldText(p.fullName).includes(folded)) : people;
  return (
    <div className="people-list">
      <h3>
        <button type="button" className="disclosure" aria-expanded={expanded} aria-controls={`${id}-body`} onClick={() => setChosen(!expanded)} data-testid={`${testId}-toggle`}>
          <span className="disclosure-mark" aria-hidden="true">
            {expanded ? "▾" : "▸"}
          </span>
          {title}
        </button>
      </h3>
      <div id={`${id}-body`} hidden={!expanded}>
        {long ? (
          <div className="field people-filter">
            <label htmlFor={`${id}-filter`}>{t("live.filterByName")}</label>
            <input id={`${id}-filter`} type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
          </div>
        ) : null}
        {people.length === 0 ? (
          <p className="muted">{t("live.nobody")}</p>
        ) : shown.length === 0 ? (
          <p className="muted" role="status">
            {t("live.noMatch")}
          </p>
        ) : null}
        <ul className="list people" data-testid={testId}>
          {shown.map((p) => (
            <li key={p.userId}>{renderRow(p)}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}
