declare module 'virtual:spotter-snapshot' {
  import type { SpotterSnapshot } from '../../core/spotter';
  /** The precompiled spotter (scripts/spotter-snapshot-plugin.ts), made on call. */
  export default function spotterSnapshot(): SpotterSnapshot;
}
