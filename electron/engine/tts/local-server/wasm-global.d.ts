/**
 * Node's WebAssembly global, for the one call the engine makes (flite-engine.ts compiles flite
 * once for its workers). tsconfig.node.json has no DOM lib, so the types have the namespace's
 * interfaces but not its functions.
 */
declare namespace WebAssembly {
  function compile(bytes: Uint8Array): Promise<Module>;
}
