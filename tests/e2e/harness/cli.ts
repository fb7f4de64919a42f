// `npm run harness`: starts the e2e harness for a person to click through (prints the URL).
// Run it under scripts/with-keyring.sh for the real keychain. STILLWATER_HARNESS_DATA keeps the
// practice in a folder of your choice between runs; otherwise it is a temp folder, removed on exit.
// STILLWATER_HARNESS_SEED_CLIENTS=N builds a synthetic practice of N clients before serving it,
// with STILLWATER_HARNESS_SEED_NOTES signed notes per client. The folder picker (release export)
// answers STILLWATER_HARNESS_PICK_FOLDER, or a temp folder; POST /__harness/pick-folder changes it.
// The backup pickers answer STILLWATER_HARNESS_BACKUP_FOLDER (or a temp folder) and
// STILLWATER_HARNESS_RESTORE_FILE (or a cancelled dialog); POST /__harness/pick-path changes them.
// STILLWATER_HARNESS_RENDERER serves a renderer built elsewhere (`vite build --outDir …`),
// POST /__harness/advance?ms=N moves the core's clock forward (inactivity lock, due dates), firing
// what falls due before it answers; POST /__harness/idle {"realInput":"stopped"|"continuous"} sets
// the OS idle time main reads; POST /__harness/sync {"id":"…"} sends a harness.sync event after
// whatever main has sent, so a page that receives it has received those.
import { startHarness } from './server.ts';

const port = process.env.STILLWATER_HARNESS_PORT ? Number(process.env.STILLWATER_HARNESS_PORT) : 0;
const seedClients = Number(process.env.STILLWATER_HARNESS_SEED_CLIENTS ?? '0');
const seedNotesPerClient = Number(process.env.STILLWATER_HARNESS_SEED_NOTES ?? '0');
const harness = await startHarness({
  ...(process.env.STILLWATER_HARNESS_DATA ? { dataDir: process.env.STILLWATER_HARNESS_DATA } : {}),
  port,
  ...(process.env.STILLWATER_HARNESS_RENDERER
    ? { rendererDir: process.env.STILLWATER_HARNESS_RENDERER }
    : {}),
  ...(process.env.STILLWATER_HARNESS_PICK_FOLDER
    ? { pickFolder: process.env.STILLWATER_HARNESS_PICK_FOLDER }
    : {}),
  pickPaths: {
    ...(process.env.STILLWATER_HARNESS_BACKUP_FOLDER
      ? { 'backup-folder': process.env.STILLWATER_HARNESS_BACKUP_FOLDER }
      : {}),
    ...(process.env.STILLWATER_HARNESS_RESTORE_FILE
      ? { 'restore-file': process.env.STILLWATER_HARNESS_RESTORE_FILE }
      : {}),
  },
  ...(seedClients > 0 ? { seedClients } : {}),
  ...(seedNotesPerClient > 0 ? { seedNotesPerClient } : {}),
});
if (harness.accounts.length > 0) console.log(`Seeded accounts: ${JSON.stringify(harness.accounts)}`);
// Printed before the URL: launch.ts reads everything up to the URL line.
console.log(`Folder picker answers: ${harness.pickFolder}`);
console.log(`Backup folder picker answers: ${harness.backupFolder ?? '(cancel)'}`);
console.log(`Stillwater harness: ${harness.url}`);
console.log(`Data folder: ${harness.dataDir}`);
console.log('Press Ctrl+C to stop.');

const stop = (): void => {
  harness.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
