declare module 'virtual:spotter-snapshot' {
  import type { SpotterSnapshot } from '../../core/spotter';
  const snapshot: SpotterSnapshot;
  export default snapshot;
}
