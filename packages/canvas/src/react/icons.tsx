import type { Channel } from '@journeycraft/schema';
import { channelLabels } from '@journeycraft/schema';
import { channelIcons } from '@journeycraft/picture';

/** A 16×16 stroke icon from a path string. */
export function Icon({ d, size = 16, className }: { d: string; size?: number; className?: string }) {
  return (
    <svg viewBox="0 0 16 16" width={size} height={size} className={`jc-icon ${className ?? ''}`} aria-hidden="true">
      <path d={d} />
    </svg>
  );
}

export function ChannelIcon({ channel, size }: { channel: Channel; size?: number }) {
  return (
    <span className="jc-channel" title={channelLabels[channel]}>
      <Icon d={channelIcons[channel]} size={size} />
      <span className="jc-sr">{channelLabels[channel]}</span>
    </span>
  );
}

export const icons = {
  plus: 'M8 3v10M3 8h10',
  search: 'M7 12A5 5 0 1 0 7 2a5 5 0 0 0 0 10ZM10.5 10.5 14 14',
  fit: 'M2 6V2h4M10 2h4v4M14 10v4h-4M6 14H2v-4',
  download: 'M8 2v8M4.5 6.5 8 10l3.5-3.5M2.5 13.5h11',
  undo: 'M6 4 3 7l3 3M3 7h7a3.5 3.5 0 0 1 0 7H7',
  redo: 'm10 4 3 3-3 3m3-3H6a3.5 3.5 0 0 0 0 7h3',
  close: 'M4 4l8 8M12 4l-8 8',
  star: 'M8 1.8l1.9 3.9 4.3.6-3.1 3 .7 4.3L8 11.6l-3.8 2 .7-4.3-3.1-3 4.3-.6z',
  warn: 'M8 2 1.5 13.5h13zM8 6.5v3.5M8 12h.01',
  user: 'M8 7.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5ZM3 14c.6-2.8 2.6-4.5 5-4.5s4.4 1.7 5 4.5',
  users:
    'M6 7a2.2 2.2 0 1 0 0-4.4A2.2 2.2 0 0 0 6 7Zm-4 6c.5-2.4 2-3.8 4-3.8s3.5 1.4 4 3.8M10.5 3a2.2 2.2 0 0 1 0 4.2M12 9.4c1.2.5 2 1.7 2.3 3.6',
  spark: 'M8 2v3M8 11v3M2 8h3M11 8h3M4 4l2 2M10 10l2 2M12 4l-2 2M6 10l-2 2',
  comment: 'M2.5 3h11v7.5H7L4 13v-2.5H2.5z',
  link: 'M6.5 9.5l3-3M7 4.5l1-1a2.8 2.8 0 0 1 4 4l-1 1M9 11.5l-1 1a2.8 2.8 0 0 1-4-4l1-1',
  drag: 'M6 3h.01M10 3h.01M6 8h.01M10 8h.01M6 13h.01M10 13h.01',
  trash: 'M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.6 9h5.8l.6-9',
  copy: 'M5.5 5.5h8v8h-8zM2.5 10.5v-8h8',
  keyboard: 'M1.5 4h13v8h-13zM4 6.5h.01M6.5 6.5h.01M9 6.5h.01M11.5 6.5h.01M5 9.5h6',
  map: 'M1.5 3.5 6 2l4 1.5 4.5-1.5v10.5L10 14l-4-1.5-4.5 1.5z M6 2v10.5M10 3.5V14',
  check: 'M3 8.5 6.5 12 13 4.5',
  lock: 'M4 7.5h8v6H4zM5.5 7.5V5a2.5 2.5 0 0 1 5 0v2.5',
  chevronLeft: 'M10 3 5 8l5 5',
  chevronRight: 'M6 3l5 5-5 5',
  chevronUp: 'M3 10l5-5 5 5',
  chevronDown: 'M3 6l5 5 5-5',
} as const;

const faceColors: Record<number, string> = {
  [-2]: '#dc2626',
  [-1]: '#f97316',
  0: '#94a3b8',
  1: '#22c55e',
  2: '#059669',
};

/** A small drawn face for an emotion score −2..+2 (same on every platform, unlike emoji). */
export function Face({ score, size = 16 }: { score: number; size?: number }) {
  const s = Math.max(-2, Math.min(2, Math.round(score)));
  const curve = s * 2.2;
  const color = faceColors[s];
  return (
    <svg viewBox="0 0 20 20" width={size} height={size} className="jc-face-svg" aria-hidden="true">
      <circle
        cx="10"
        cy="10"
        r="8.6"
        fill={`color-mix(in srgb, ${color} 16%, white)`}
        stroke={color}
        strokeWidth="1.5"
      />
      <circle cx="7" cy="8" r="1.15" fill={color} />
      <circle cx="13" cy="8" r="1.15" fill={color} />
      <path
        d={`M6.3 ${13 - curve / 2} Q10 ${13 + curve} 13.7 ${13 - curve / 2}`}
        fill="none"
        stroke={color}
        strokeWidth="1.5"
        strokeLinecap="round"
      />
    </svg>
  );
}
