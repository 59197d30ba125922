import type { getTranslations } from "next-intl/server";
import type { AuditEventRow } from "@/db/schema";
import { formatCount } from "@/lib/format";
import { isPersonalDataAudience, type PersonalDataAudience } from "@/lib/privacy/masking";

type AuditT = Awaited<ReturnType<typeof getTranslations<"audit">>>;
type AuthT = Awaited<ReturnType<typeof getTranslations<"auth">>>;

const ROLE_KEYS = new Set(["viewer", "analyst", "admin"]);

function byteSize(bytes: number, locale: string): string {
  if (bytes < 1024 * 1024) return `${formatCount(Math.ceil(bytes / 1024), locale)} KB`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} MB`;
}

/**
 * One line that says what an audit event did, in the reader's language, from the `details` each action
 * keeps (lib/audit/events.ts). Unknown or missing details give an empty line, never an error.
 */
export function describeAuditEvent(event: AuditEventRow, t: AuditT, tAuth: AuthT, locale: string): string {
  const details = event.details ?? {};
  const count = (key: string) => (typeof details[key] === "number" ? (details[key] as number) : 0);
  const number = (key: string) => formatCount(count(key), locale);
  const text = (key: string) => (typeof details[key] === "string" ? (details[key] as string) : "");
  const role = (key: string) => (ROLE_KEYS.has(text(key)) ? tAuth(`roles.${text(key) as "viewer" | "analyst" | "admin"}`) : text(key));
  switch (event.action) {
    case "import":
      return t("details.import", { kind: text("kind"), status: text("status"), rowsRead: number("rowsRead"), imported: number("imported"), updated: number("updated"), rejected: number("rejected") });
    case "settingsChanged": {
      const changed = details.changed && typeof details.changed === "object" ? Object.keys(details.changed) : [];
      return changed.length > 0 ? t("details.settingsChanged", { fields: changed.join(", ") }) : "";
    }
    case "recompute":
      return event.source === "browser"
        ? t("details.recomputeBrowser", { requested: String(details.requested === true) })
        : t("details.recomputeCli", { status: text("status"), snapshotId: String(details.snapshotId ?? "") });
    case "customerListExported":
      return t("details.customerListExported", { rows: number("rows"), complete: String(details.complete === true) });
    case "customerErased":
      return t("details.customerErased", { transactions: count("transactions"), attributes: count("attributes"), scores: count("scores") });
    case "userAdded":
    case "userRemoved":
      return t(event.action === "userAdded" ? "details.userAdded" : "details.userRemoved", { role: role("role") });
    case "userRoleChanged":
      return t("details.userRoleChanged", { from: role("from"), to: role("to") });
    case "userSignedOut":
      return t("details.userSignedOut", { sessions: count("sessions") });
    case "privacySettingChanged": {
      const audience = (key: string) => (isPersonalDataAudience(text(key)) ? t(`audiences.${text(key) as PersonalDataAudience}`) : text(key));
      return t("details.privacySettingChanged", { from: audience("from"), to: audience("to") });
    }
    case "backup":
      return typeof details.sizeBytes === "number" ? t("details.backup", { size: byteSize(details.sizeBytes, locale) }) : "";
    case "restore":
      return t("details.restore", { safetyBackup: text("safetyBackup") || "none" });
    default:
      return "";
  }
}
