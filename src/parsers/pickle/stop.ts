/**
 * Why a stream's analysis stopped: thrown by the machine's helpers and turned into the result's
 * `error` by the opcode loop. Offset -1: the current opcode's (the loop fills it in).
 */
export class Stop extends Error {
  /** `known`: the input's known end was passed (eof that more windows cannot cure). */
  constructor(message: string, readonly offset: number, readonly eof: boolean, readonly limit = false, readonly known = false) {
    super(message);
  }
}
