// Node flags for every Node process the tests start (Vitest's forks, the e2e harness, the
// children that tests kill mid-write).
//
// --no-memory-protection-keys: on CPUs with memory protection keys (PKU; the Xeon and EPYC
// machines CI runs on, not most laptops), V8 13 write-protects JIT code pages per thread and
// keeps a process-wide map of them. With worker threads starting and stopping (backups, the
// audit check, note search, release packages) that map can miss a page, and V8 aborts the
// whole process: "Check failed: jit_page.has_value()" (SIGTRAP), seen in CI in the backup
// tests. The flag turns that hardening off for test processes only; the app ships Electron's
// own V8 and is not changed by it. It cannot go in NODE_OPTIONS, which refuses it.
export const TEST_NODE_FLAGS = ['--no-memory-protection-keys'];
