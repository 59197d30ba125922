import { toNextJsHandler } from "better-auth/next-js";
import { getAuth } from "@/lib/auth/auth";

/** better-auth's endpoints (/api/auth/sign-in/email, /sign-out, /revoke-sessions, /get-session, ...). */
export const dynamic = "force-dynamic";

const handler = async (request: Request) => (await getAuth()).handler(request);
export const { GET, POST } = toNextJsHandler(handler);
