// Synthetic session notes for tests.
import type { NoteDraftInput } from '../../preload/contract/notes.ts';

export function dapNote(clientId: string, overrides: Partial<NoteDraftInput> = {}): NoteDraftInput {
  return {
    clientId,
    kind: 'progress',
    template: 'dap',
    serviceDate: '2026-01-12',
    startTime: '10:00',
    endTime: '10:53',
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
