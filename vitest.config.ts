import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Two files at a time: most suites spend their time in child processes and pool threads of
    // their own, so more files at once would oversubscribe a 2-core machine, but two overlap
    // one file's serial start-up and single-threaded phases with another's work (357 s serial,
    // 293 s two at a time, on the 2-core machine).
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
