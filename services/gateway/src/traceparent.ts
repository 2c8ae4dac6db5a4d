/** The ids of a W3C Trace Context `traceparent` header, as validated: lower-case hex, never the raw header. */
export interface TraceContext {
  traceId: string;
  /** The caller's span: the parent of whatever this request does. */
  parentSpanId: string;
}

// version-traceid-parentid-flags (W3C Trace Context §3.2). Version 00 has exactly these four
// fields; a later version may append more after a dash, which are ignored. Version ff is invalid.
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}(-.*)?$/;
const ALL_ZEROS = /^0+$/;

/**
 * The trace a request belongs to, from its `traceparent` header; null when absent or invalid (an
 * invalid header is ignored, as the specification asks, and none of it is kept).
 */
export function parseTraceparent(header: string | undefined): TraceContext | null {
  if (header === undefined || header.length > 512) return null;
  const match = TRACEPARENT.exec(header.trim());
  if (match === null) return null;
  const [, version, traceId, parentSpanId, rest] = match as unknown as [string, string, string, string, string | undefined];
  if (version === 'ff' || (version === '00' && rest !== undefined)) return null;
  if (ALL_ZEROS.test(traceId) || ALL_ZEROS.test(parentSpanId)) return null;
  return { traceId, parentSpanId };
}
