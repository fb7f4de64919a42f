// A test practice whose owner has chosen a backup folder (a temporary one), and the cleanups that
// remove both after the test.
import { makePractice, type TestPractice } from './make-practice.ts';
import { tempDir } from './temp-dir.ts';

export type Cleanups = (() => Promise<void> | void)[];

export async function practiceWithBackupFolder(
  cleanups: Cleanups,
  options: Parameters<typeof makePractice>[0] = {},
): Promise<{ p: TestPractice; folder: string }> {
  const p = await makePractice(options);
  const folder = tempDir('stillwater-backups-');
  cleanups.push(
    () => {
      folder.remove();
    },
    () => p.close(),
  );
  p.folder.next = folder.path;
  await p.ok('backup.chooseFolder', {});
  return { p, folder: folder.path };
}
