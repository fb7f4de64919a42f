// The recovery key as people handle it: its groups, the instructions that go with it, and the
// plain-text file version of the printed sheet.
export const keyGroups = (recoveryKey: string): string[] =>
  recoveryKey.split('-').filter((g) => g.length > 0);

export const KEY_INSTRUCTIONS: readonly string[] = [
  'Together with a copy of the practice’s data folder, this key opens every record. Keep it as carefully as the key to a locked filing cabinet.',
  'Store it away from this computer: a locked drawer or safe at the practice, or a password manager the practice controls.',
  'You need it to open the practice on a new computer or from a backup, and to get in if every password is forgotten.',
  'If a new recovery key is ever generated, this one stops working at once. Destroy this copy then.',
];

export function keyTextFile(recoveryKey: string, practiceName: string, generated: string): string {
  const groups = keyGroups(recoveryKey);
  const lines = [
    'STILLWATER RECOVERY KEY',
    '',
    `Practice:  ${practiceName}`,
    `Generated: ${generated}`,
    '',
    `    ${groups.slice(0, 5).join('  ')}`,
    `    ${groups.slice(5, 10).join('  ')}`,
    `    ${groups.slice(10).join('  ')}`,
    '',
    `Full key: ${recoveryKey}`,
    '',
    ...KEY_INSTRUCTIONS.map((line) => `- ${line}`),
    '',
  ];
  return lines.join('\r\n');
}
