/**
 * The URL with any password replaced by `***`, for messages about a DATABASE_URL (they land in logs).
 *
 * @example redactDatabaseUrl("postgres://app:s3cret@db.example.nl/crm") // "postgres://app:***@db.example.nl/crm"
 */
export function redactDatabaseUrl(databaseUrl: string): string {
  return databaseUrl.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*):[^@/?#]*@/i, "$1:***@");
}
