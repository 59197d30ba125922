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

/**
 * Whether a background process that writes heartbeats is alive: it has a process id, its last heartbeat
 * (ISO timestamp; none written yet counts as recent) is at most `staleMs` old, and the process exists. The
 * heartbeat catches a process that hangs, or a process id reused by another program.
 * @example heartbeatIsAlive(process.pid, new Date().toISOString(), 60_000) // true
 * @example heartbeatIsAlive(process.pid, "2020-01-01T00:00:00Z", 60_000) // false: silent for years
 */
export function heartbeatIsAlive(pid: number | null, heartbeatAt: string | null, staleMs: number, now = Date.now()): boolean {
  if (pid === null) return false;
  if (heartbeatAt && now - Date.parse(heartbeatAt) > staleMs) return false;
  return processIsAlive(pid);
}
