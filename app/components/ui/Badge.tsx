export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

/** The one status badge: every tool shows a status this way, with this palette. */
export function Badge({ tone = 'neutral', children }: { tone?: Tone; children: string }) {
  return <span className={tone === 'neutral' ? 'badge' : `badge badge--${tone}`}>{children}</span>;
}
