declare module 'virtual:spotter-build' {
  /** The id of this build's bundled spotter (scripts/spotter-build-plugin.ts). */
  const build: string;
  export default build;
}
