// Running totals of a gate's traffic that its connections bump as frames pass (plain fields: one addition on the
// hot path), read by GateStats and by the node's metrics at scrape time. Closes by code are counted by the gate.

export class GateCounters {
  /** WebSocket messages received from clients (frames of the protocol, and anything else they sent). */
  framesReceived = 0;
  /** Frames sent to clients: responses, pushes, pongs, WELCOME, MIGRATE, KICK. */
  framesSent = 0;
  /** Sessions resumed on this gate (WELCOME with resumed: true). */
  resumes = 0;
}
