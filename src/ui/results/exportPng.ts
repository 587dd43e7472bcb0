/** Chart → PNG: the chart's SVG is cloned with its computed styles inlined, drawn on a canvas and downloaded. */

const STYLE_PROPS = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'fill-opacity', 'stroke-opacity', 'font-size', 'font-family', 'font-weight', 'text-anchor', 'dominant-baseline'];

function inlineStyles(src: Element, dst: Element): void {
  const cs = getComputedStyle(src);
  const style = STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
  dst.setAttribute('style', style);
  for (let i = 0; i < src.children.length; i++) inlineStyles(src.children[i], dst.children[i]);
}

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Render the largest SVG inside `container` (with `title` above it) to a PNG blob. */
export async function chartToPng(container: HTMLElement, title: string, scale = 2): Promise<Blob> {
  const svgs = Array.from(container.querySelectorAll('svg')).filter((s) => s.getBoundingClientRect().width > 60);
  if (svgs.length === 0) throw new Error('No chart to export yet');
  const svg = svgs.reduce((a, b) => (a.getBoundingClientRect().width * a.getBoundingClientRect().height >= b.getBoundingClientRect().width * b.getBoundingClientRect().height ? a : b));
  const box = svg.getBoundingClientRect();
  const w = Math.ceil(box.width);
  const h = Math.ceil(box.height);
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, clone);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(w));
  clone.setAttribute('height', String(h));
  const xml = new XMLSerializer().serializeToString(clone);
  const url = URL.createObjectURL(new Blob([xml], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('Could not render the chart'));
      img.src = url;
    });
    const titleH = 28;
    // The live charts draw their legend in HTML (chartKit.tsx): it goes under the chart in the PNG.
    const legend = Array.from(container.querySelectorAll<HTMLElement>('.lab-legend li')).map((li) => ({ text: li.textContent ?? '', color: li.dataset.color ?? '#888', dashed: li.dataset.dashed === '1' }));
    const legendH = legend.length ? 20 * Math.ceil(legend.length / Math.max(1, Math.floor(w / 170))) + 6 : 0;
    const canvas = document.createElement('canvas');
    canvas.width = w * scale;
    canvas.height = (h + titleH + legendH) * scale;
    const ctx = canvas.getContext('2d')!;
    ctx.scale(scale, scale);
    const bg = getComputedStyle(container).backgroundColor;
    ctx.fillStyle = bg && bg !== 'rgba(0, 0, 0, 0)' ? bg : '#ffffff';
    ctx.fillRect(0, 0, w, h + titleH + legendH);
    const fg = getComputedStyle(container).color || '#000';
    ctx.fillStyle = fg;
    ctx.font = '600 14px system-ui, sans-serif';
    ctx.fillText(title, 8, 19);
    ctx.drawImage(img, 0, titleH, w, h);
    const perRow = Math.max(1, Math.floor(w / 170));
    ctx.font = '11px system-ui, sans-serif';
    legend.forEach((it, i) => {
      const x = 12 + (i % perRow) * 170;
      const y = titleH + h + 14 + Math.floor(i / perRow) * 20;
      ctx.strokeStyle = it.color;
      ctx.lineWidth = 2;
      ctx.setLineDash(it.dashed ? [4, 3] : []);
      ctx.beginPath();
      ctx.moveTo(x, y - 4);
      ctx.lineTo(x + 16, y - 4);
      ctx.stroke();
      ctx.fillStyle = fg;
      ctx.fillText(it.text, x + 21, y);
    });
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function safeFileName(s: string): string {
  return s.replace(/[^\w.-]+/g, '_').slice(0, 80);
}
