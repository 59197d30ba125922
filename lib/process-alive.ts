/**
 * Whether a process with this id exists on this machine (signal 0 checks without sending anything; a
 * process of another user answers EPERM and exists). Used to tell a stopped import, upload or recompute
 * runner from a live one.
 * @example processIsAlive(process.pid) // true
 */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
