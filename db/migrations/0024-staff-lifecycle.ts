// 0024: placeholder reserved for issue 21 (staff-lifecycle); filled before it lands.
export function up(): Promise<void> {
  return Promise.resolve();
}
