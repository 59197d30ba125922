import { clientMessagesLayout } from "@/components/i18n/client-messages";

/** Adds the texts this view's client components need (see lib/i18n/client-namespaces.ts). */
export default clientMessagesLayout("(overview)");
