import type { Channel, LaneKind } from '@journeycraft/schema';

/** 16×16 stroke icons (one path string each) for channels. */
export const channelIcons: Record<Channel, string> = {
  in_person: 'M8 7.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5ZM3 14c.6-2.8 2.6-4.5 5-4.5s4.4 1.7 5 4.5',
  phone: 'M4 2h2.5l1.2 3-1.6 1a7 7 0 0 0 3.9 3.9l1-1.6 3 1.2V12a2 2 0 0 1-2 2A11 11 0 0 1 2 4a2 2 0 0 1 2-2Z',
  email: 'M2 4h12v8H2zM2 4.5l6 4.5 6-4.5',
  chat: 'M2.5 3h11v7.5H7L4 13v-2.5H2.5z',
  web: 'M8 14A6 6 0 1 0 8 2a6 6 0 0 0 0 12ZM2 8h12M8 2c1.7 1.8 2.5 3.8 2.5 6S9.7 12.2 8 14M8 2C6.3 3.8 5.5 5.8 5.5 8s.8 4.2 2.5 6',
  mobile_app: 'M5 1.5h6v13H5zM7 12.5h2',
  social:
    'M5 8a1.8 1.8 0 1 1-3.6 0A1.8 1.8 0 0 1 5 8Zm9.6-4.5a1.8 1.8 0 1 1-3.6 0 1.8 1.8 0 0 1 3.6 0Zm0 9a1.8 1.8 0 1 1-3.6 0 1.8 1.8 0 0 1 3.6 0ZM4.7 7.2l6.6-3M4.7 8.8l6.6 3',
  mail: 'M2.5 5.5h11v8h-11zM5 5.5V3h6v2.5M5.5 9h5',
  self_service: 'M3 2.5h10v7H3zM6 12.5h4M8 9.5v3M6 5l1.5 1.5L10 4',
  other: 'M4 8h.01M8 8h.01M12 8h.01',
};

/** Accent colours of lane kinds (cards take their lane's colour). */
export const laneColors: Record<LaneKind, string> = {
  customer_actions: '#4f46e5',
  touchpoints: '#0891b2',
  frontstage: '#059669',
  backstage: '#7c3aed',
  support_processes: '#64748b',
  emotions: '#db2777',
  pain_points: '#dc2626',
  opportunities: '#d97706',
  custom: '#475569',
};
