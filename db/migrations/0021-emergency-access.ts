// 0021: placeholder reserved for issue 21 (emergency-access); filled before it lands.
export function up(): Promise<void> {
  return Promise.resolve();
}
