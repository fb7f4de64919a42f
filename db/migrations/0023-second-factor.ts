// 0023: placeholder reserved for issue 21 (second-factor); filled before it lands.
export function up(): Promise<void> {
  return Promise.resolve();
}
