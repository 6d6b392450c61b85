/** Path data for AppIcon (24×24 viewBox, drawn with round strokes). */
export const ICON_PATHS = {
  play: 'M8 5.5v13l10.5-6.5z',
  stop: 'M7 7h10v10H7z',
  mic: 'M12 3.5a3 3 0 0 1 3 3v5.5a3 3 0 0 1-6 0V6.5a3 3 0 0 1 3-3zM5.5 11.5a6.5 6.5 0 0 0 13 0M12 18v3',
  micOff: 'M12 3.5a3 3 0 0 1 3 3v5.5a3 3 0 0 1-6 0V6.5a3 3 0 0 1 3-3zM5.5 11.5a6.5 6.5 0 0 0 13 0M12 18v3M4 4l16 16',
  hand: 'M9 12.5V5.5a1.5 1.5 0 0 1 3 0v6M12 11V4.5a1.5 1.5 0 0 1 3 0V11M15 11V6a1.5 1.5 0 0 1 3 0v7.5c0 4-2.6 7-6.5 7-2.6 0-4.2-1.3-5.6-3.5L4 13.6a1.5 1.5 0 0 1 2.4-1.8L9 15',
  copy: 'M9 9h10v11H9zM5 15V4h10',
  trash: 'M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3',
  chat: 'M4 5h16v11H10l-5 4v-4H4z',
  sliders: 'M4 7h9M17 7h3M4 17h3M11 17h9M15 5v4M9 15v4',
  alert: 'M12 3.5l9.5 16.5h-19zM12 10v4.5M12 17.2v.1',
  close: 'M6 6l12 12M18 6L6 18',
  down: 'M12 5v14M6 13l6 6 6-6',
  chevronUp: 'M6 15l6-6 6 6',
  chevronDown: 'M6 9l6 6 6-6',
  plus: 'M12 5v14M5 12h14',
  speaker: 'M4 9h4l5-4v14l-5-4H4zM16.5 9a4 4 0 0 1 0 6M19 6.5a7.5 7.5 0 0 1 0 11',
  key: 'M8 16a4 4 0 1 1 3.5-6H21v3h-2v2h-3v-2h-4.5A4 4 0 0 1 8 16z',
  check: 'M5 12.5l4.5 4.5L19 7',
  wave: 'M3 12h2M7 8v8M11 5v14M15 9v6M19 11v2',
  circle: 'M12 5a7 7 0 1 1 0 14 7 7 0 0 1 0-14z',
  pause: 'M8 6v12M16 6v12',
  ear: 'M8 9a4.5 4.5 0 1 1 8 2.8c-1.3 1.6-2.5 2.3-2.5 4.2a3 3 0 0 1-5 2.2',
  dots: 'M6 12h.01M12 12h.01M18 12h.01',
} as const;

export type IconName = keyof typeof ICON_PATHS;
