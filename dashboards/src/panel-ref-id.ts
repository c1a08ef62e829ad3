// Grafana names a panel's queries A, B, C...: the n-th query's refId.

export function refIdOf(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= 26) {
    throw new RangeError(`a panel holds at most 26 queries (A–Z); got query index ${index}`);
  }
  return String.fromCharCode(65 + index);
}
