// The dashboard's series colours, in order: one list for every chart (overview, theme pages, report). Loaded first.
window.rrPalette = Object.freeze([
  '#1f5fa8',
  '#c0392b',
  '#27864a',
  '#8e44ad',
  '#d35400',
  '#16808a',
  '#7f6a00',
  '#b03a78',
  '#34495e',
  '#5d7f1f',
  '#9c4f21',
  '#4a4ab0',
  '#6b6b6b',
]);
