/**
 * The session cookie's name prefix. KLANTWAARDE_COOKIE_PREFIX changes it, so that several Klantwaarde servers
 * on one host (the browser tests run four on 127.0.0.1, and cookies ignore the port) keep separate sessions.
 * Pure: the proxy (edge of the request) and the server both read it.
 */
export const SESSION_COOKIE_PREFIX = process.env.KLANTWAARDE_COOKIE_PREFIX?.trim() || "klantwaarde";
