/** Saves a blob under a file name through a temporary link (nothing leaves the browser). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function exportSvg(svg: string, fileName: string): void {
  downloadBlob(new Blob([svg], { type: 'image/svg+xml' }), `${fileName}.svg`);
}

/** The SVG with explicit pixel dimensions (mermaid's is 100% wide), for drawing on a canvas. */
function sized(svg: string): { markup: string; width: number; height: number } {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const root = doc.documentElement;
  const [, , width, height] = (root.getAttribute('viewBox') ?? '0 0 800 600')
    .split(/[\s,]+/)
    .map(Number);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.removeAttribute('style');
  return { markup: new XMLSerializer().serializeToString(root), width, height };
}

/** Draws the SVG onto a canvas at twice its size (sharp on a projector) and saves a PNG. */
export async function exportPng(svg: string, fileName: string, background: string): Promise<void> {
  const { markup, width, height } = sized(svg);
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const scale = 2;
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.scale(scale, scale);
    ctx.drawImage(image, 0, 0, width, height);
    const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!png) throw new Error('the PNG could not be made');
    downloadBlob(png, `${fileName}.png`);
  } finally {
    URL.revokeObjectURL(url);
  }
}
