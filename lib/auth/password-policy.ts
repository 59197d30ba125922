/** Password rules shared by the sign-in configuration, the forms and the command line. */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

/** Why `password` is not acceptable as a new password, or null when it is. */
export function passwordProblem(password: string): "tooShort" | "tooLong" | null {
  if (password.length < MIN_PASSWORD_LENGTH) return "tooShort";
  if (password.length > MAX_PASSWORD_LENGTH) return "tooLong";
  return null;
}
