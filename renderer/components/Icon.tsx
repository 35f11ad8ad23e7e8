/** Inline SVG icons (bundled, nothing fetched), drawn on a 24-unit grid with the text colour. */
const PATHS = {
  home: 'M3 11 12 4l9 7M5 10v10h5v-6h4v6h5V10',
  grid: 'M4 4h16v16H4zM4 10h16M4 15h16M10 4v16',
  overview: 'M4 20V10M10 20V4M16 20v-7M22 20H2',
  edit: 'M4 20h4L19 9l-4-4L4 16zM14 6l4 4',
  chart: 'M3 3v18h18M7 15l4-5 3 3 5-7',
  levels: 'M5 20V9M10 20V4M15 20v-6M20 20v-3M3 20h18',
  play: 'M7 4v16l13-8z',
  stop: 'M6 6h12v12H6z',
  upload: 'M12 16V4M6 10l6-6 6 6M4 20h16',
  folder: 'M3 6h6l2 2h10v11H3z',
  sun: 'M12 4V2M12 22v-2M4 12H2M22 12h-2M5.6 5.6 4.2 4.2M19.8 19.8l-1.4-1.4M5.6 18.4l-1.4 1.4M19.8 4.2l-1.4 1.4M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8z',
  moon: 'M20 14.5A8 8 0 0 1 9.5 4 8 8 0 1 0 20 14.5z',
  undo: 'M9 14 4 9l5-5M4 9h10a6 6 0 0 1 0 12h-3',
  redo: 'M15 14l5-5-5-5M20 9H10a6 6 0 0 0 0 12h3',
  copy: 'M8 8h12v12H8zM4 16V4h12',
  trash: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13',
  up: 'M12 19V5M6 11l6-6 6 6',
  down: 'M12 5v14M6 13l6 6 6-6',
  plus: 'M12 5v14M5 12h14',
  close: 'M6 6l12 12M18 6 6 18',
  warning: 'M12 3 2 21h20zM12 10v5M12 18v.5',
  keyboard: 'M3 7h18v11H3zM7 11h.01M11 11h.01M15 11h.01M7 14h10',
  sortUp: 'M12 6l-5 6h10z',
  sortDown: 'M12 18l5-6H7z',
  file: 'M6 3h8l5 5v13H6zM14 3v5h5',
  demo: 'M5 4h14v16H5zM9 9l6 3-6 3z',
  clock: 'M12 7v5l3 2M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z',
  download: 'M12 4v12M6 10l6 6 6-6M4 20h16',
  report: 'M6 3h12v18H6zM9 8h6M9 12h6M9 16h4',
  network: 'M6 6.5a2 2 0 1 0 0 .01M18 5a2 2 0 1 0 0 .01M12 18a2 2 0 1 0 0 .01M7.6 7.6l3.2 8.6M16.6 6.6l-3.4 9.4M8 6.3l8-1.1',
  analysis: 'M3 20h18M5 17c3-1 4-9 7-9s4 6 7 3M5 12h.01M8 6h.01M17 5h.01',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 18, title }: { name: IconName; size?: number; title?: string }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      role={title === undefined ? undefined : 'img'}
      aria-hidden={title === undefined ? true : undefined}
      aria-label={title}
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
