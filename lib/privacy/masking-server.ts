import "server-only";
import { cache } from "react";
import { getSignedInUser } from "@/lib/auth/session";
import { seesPersonalData, type PersonalDataAudience } from "./masking";
import { getPrivacySettings } from "./masking-settings";

/** What this request's user may see of customers' personal data. */
export interface PersonalDataAccess {
  /** True: names and e-mail addresses are shown. False: they never leave the server (customer numbers only). */
  visible: boolean;
  /** The stored rule it follows. */
  audience: PersonalDataAudience;
}

/**
 * Whether the signed-in user of this request sees customers' names and e-mail addresses (read once per
 * request). Pages, server components and API routes pass `visible` to the query functions, which mask there.
 */
export const getPersonalDataAccess = cache(async (): Promise<PersonalDataAccess> => {
  const user = await getSignedInUser();
  const { personalDataAudience } = await getPrivacySettings();
  return { visible: seesPersonalData(user?.role, personalDataAudience), audience: personalDataAudience };
});
