/**
 * Finds a Chromium for the browser tests and the benchmark: `CHROMIUM_PATH` if set, else the
 * usual system locations (Debian's `chromium` package installs /usr/bin/chromium; see
 * scripts/ensure-chromium.sh).
 */
import { existsSync } from "node:fs";

const SYSTEM_CHROMIUMS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv !== undefined && fromEnv !== "") return existsSync(fromEnv) ? fromEnv : null;
  return SYSTEM_CHROMIUMS.find((p) => existsSync(p)) ?? null;
}

export const CHROMIUM_MISSING =
  "Chromium not found: install it (scripts/ensure-chromium.sh runs apt-get install -y chromium) or set CHROMIUM_PATH";
