/**
 * Zod 4 compiles fast object parsers with `new Function`, and first probes whether it may by calling
 * `Function("")`. Under our Content Security Policy (no 'unsafe-eval', see headers.mjs) that probe is a
 * CSP violation in every page whose bundle holds a schema (the filter bar imports lib/settings/schema.ts).
 * Import this module before defining schemas: Zod then parses without generated code, everywhere.
 */
import { z } from "zod";

z.config({ jitless: true });
