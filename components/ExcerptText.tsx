/**
 * An excerpt's text with the focused entity's mentions emphasised and search matches marked.
 * Rendered as text nodes only: whatever a page put in an excerpt can never become markup.
 */
import type { ExcerptMention } from '../core/schema';

export interface ExcerptTextProps {
  text: string;
  mentions?: readonly ExcerptMention[];
  /** Emphasise the mentions of this entity (all mentions when undefined and `emphasiseAll`). */
  entityId?: string;
  emphasiseAll?: boolean;
  /** Ranges to mark as search matches. */
  matches?: readonly [number, number][];
}

interface Segment {
  start: number;
  end: number;
  mention: boolean;
  match: boolean;
}

export function segmentsOf(props: ExcerptTextProps): Segment[] {
  const { text, mentions = [], entityId, emphasiseAll = false, matches = [] } = props;
  const emphasised = mentions
    .filter(([start, end, id]) => end > start && start >= 0 && end <= text.length && (emphasiseAll || id === entityId))
    .map(([start, end]) => [start, end] as [number, number]);
  const cuts = new Set<number>([0, text.length]);
  for (const [start, end] of [...emphasised, ...matches]) {
    if (start >= 0 && end <= text.length && end > start) {
      cuts.add(start);
      cuts.add(end);
    }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] as number;
    const end = points[i + 1] as number;
    const inside = (ranges: readonly (readonly [number, number])[]) => ranges.some(([s, e]) => s <= start && end <= e);
    segments.push({ start, end, mention: inside(emphasised), match: inside(matches) });
  }
  return segments;
}

export function ExcerptText(props: ExcerptTextProps) {
  return (
    <>
      {segmentsOf(props).map((segment) => {
        const content = props.text.slice(segment.start, segment.end);
        let node = <>{content}</>;
        if (segment.match) node = <mark class="bs-match">{node}</mark>;
        if (segment.mention) node = <strong class="bs-mention">{node}</strong>;
        return <span key={segment.start}>{node}</span>;
      })}
    </>
  );
}
