import type messages from "./messages/en";
import type { AppLocale } from "./config";

// Typed messages and locales for next-intl: a missing or misspelt key is a type error.
declare module "next-intl" {
  interface AppConfig {
    Locale: AppLocale;
    Messages: typeof messages;
  }
}
