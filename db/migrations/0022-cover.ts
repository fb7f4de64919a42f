// 0022: placeholder reserved for issue 21 (cover); filled before it lands.
export function up(): Promise<void> {
  return Promise.resolve();
}
