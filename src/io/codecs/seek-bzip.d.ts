// The part of seek-bzip 2.0.0 (lib/index.js, CommonJS, no bundled types) that bzip2.ts drives.
declare module 'seek-bzip' {
  interface InStream {
    readByte(): number;
    read(buf: Uint8Array, off: number, len: number): number;
    seek(pos: number): void;
    eof(): boolean;
  }
  interface OutStream {
    writeByte(b: number): void;
  }
  class Bunzip {
    constructor(input: InStream, output: OutStream);
    streamCRC: number;
    reader: { read(bits: number): number };
    _init_block(): boolean;
    _read_bunzip(): number;
    _start_bunzip(input: InStream, output: OutStream): void;
  }
  export default Bunzip;
}
