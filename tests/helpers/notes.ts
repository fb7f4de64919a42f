// Synthetic session notes for tests.
import type { NoteDraftInput } from '../../preload/contract/notes.ts';
import type { TestPractice } from './make-practice.ts';

export function dapNote(clientId: string, overrides: Partial<NoteDraftInput> = {}): NoteDraftInput {
  return {
    clientId,
    kind: 'progress',
    template: 'dap',
    serviceDate: '2026-01-12',
    startTime: '10:00',
    endTime: '10:45',
    serviceCode: '90834',
    modality: 'video',
    location: 'Telehealth (synthetic)',
    participants: 'Client',
    riskLevel: 'low',
    sections: {
      data: 'Synthetic: client described improved sleep and fewer ruminations about the marigold project.',
      assessment: 'Synthetic: progress toward goal 1; mood brighter.',
      plan: 'Synthetic: continue weekly; practise the worry-postponement exercise.',
    },
    part2: false,
    ...overrides,
  };
}

/** A signed DAP note whose text carries `mark`, a word no template contains, to find it again. */
export async function signedNote(
  p: Pick<TestPractice, 'ok'>,
  author: string,
  clientId: string,
  date: string,
  mark: string,
  extra: Partial<NoteDraftInput> = {},
): Promise<string> {
  const { noteId } = await p.ok(
    'notes.saveDraft',
    dapNote(clientId, {
      serviceDate: date,
      sections: {
        data: `Synthetic: ${mark} session.`,
        assessment: 'Synthetic: steady.',
        plan: 'Synthetic: weekly.',
      },
      ...extra,
    }),
    author,
  );
  await p.ok('notes.sign', { noteId }, author);
  return noteId;
}
