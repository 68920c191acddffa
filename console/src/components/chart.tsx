// One uPlot chart that fits its container's width. The charts are data in,
// canvas out: the page builds the options and data, this draws them.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';

interface Props {
  title: string;
  options: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
  height?: number;
  testId?: string;
}

export function Chart({ title, options, data, height = 240, testId }: Props) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const plot = new uPlot({ ...options, width: Math.max(280, el.clientWidth), height }, data, el);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(280, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [options, data, height]);
  return <div ref={box} class="chart" role="img" aria-label={title} data-testid={testId} />;
}

/** Colours that read on light and dark backgrounds, in series order. */
export const PALETTE = ['#0f6cbd', '#c50f1f', '#107c10', '#8764b8', '#ca5010', '#038387', '#4f6bed', '#986f0b', '#e3008c', '#005b70', '#7a7574'];

export const bars = uPlot.paths.bars;
