// Picks the protocol version of a connection from the client's HELLO.versions and the versions the gate speaks.

/** The highest version both sides speak, or null (the gate then closes with CloseCode.UnsupportedVersion, 4010). */
export function chooseProtocolVersion(
  clientVersions: readonly number[],
  serverVersions: readonly number[],
): number | null {
  let chosen: number | null = null;
  for (const version of clientVersions) {
    if (serverVersions.includes(version) && (chosen === null || version > chosen)) chosen = version;
  }
  return chosen;
}
