/**
 * File-system errors in words a user can act on: the OS's short reason without the call
 * details Node adds (`EACCES: permission denied, open '…'` becomes `permission denied`).
 */
const REASONS: Record<string, string> = {
  ENOENT: "no such file or folder",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "the file system is read-only",
  ENOSPC: "no space left on the device",
  EDQUOT: "the disk quota is exceeded",
  EFBIG: "the file is too large for this system's limits (full disk or file-size limit)",
  EISDIR: "it is a folder",
  ENOTDIR: "a part of the path is a file, not a folder",
  EEXIST: "it already exists",
  ENOTEMPTY: "the folder is not empty",
  ELOOP: "too many symbolic links",
  ENAMETOOLONG: "the name is too long",
  EMFILE: "too many open files",
  EIO: "an input/output error",
  EXDEV: "it is on another device",
  EBUSY: "it is busy",
};

export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === "string" && REASONS[code]) return `${REASONS[code]} (${code})`;
  if (e instanceof Error) return e.message;
  return String(e);
}

/** Whether `e` is an error from the operating system (it has an errno code). */
export const isFsError = (e: unknown): e is NodeJS.ErrnoException =>
  e instanceof Error &&
  typeof (e as NodeJS.ErrnoException).code === "string" &&
  /^E[A-Z]+$/.test((e as NodeJS.ErrnoException).code!);
