// unbzip2-stream ships no types: it exports a factory for a Duplex that decompresses bzip2.
declare module 'unbzip2-stream' {
  import type { Duplex } from 'node:stream';
  function unbzip2Stream(): Duplex;
  export default unbzip2Stream;
}
