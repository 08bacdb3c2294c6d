import { useEffect, useState } from 'react';

function rootFontPx(): number {
  return parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
}

/**
 * Pixels per rem: ECharts takes sizes in pixels, and the wall's rem follows the screen (16 px at
 * 1080p, 32 px at 4K). Charts build their options from it, so their text scales with the rest.
 */
export function useRemPx(): number {
  const [px, setPx] = useState(rootFontPx);
  useEffect(() => {
    const update = () => setPx(rootFontPx());
    window.addEventListener('resize', update);
    return () => window.removeEventListener('resize', update);
  }, []);
  return px;
}
