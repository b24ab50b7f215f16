// WCAG 2.x contrast of every visible piece of text against what is painted behind it.
// Returns one line per failure: AA needs 4.5:1, or 3:1 for large text (24px, or 18.66px bold).
() => {
  const parse = value => {
    const numbers = (value.match(/[\d.]+/g) || []).map(Number);
    return { r: numbers[0] ?? 0, g: numbers[1] ?? 0, b: numbers[2] ?? 0, a: numbers.length > 3 ? numbers[3] : 1 };
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
    a: 1,
  });
  const luminance = ({ r, g, b }) => {
    const channel = c => {
      const v = c / 255;
      return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const ratio = (x, y) => {
    const [light, dark] = [luminance(x), luminance(y)].sort((p, q) => q - p);
    return (light + 0.05) / (dark + 0.05);
  };
  // The colour behind an element: its own and its ancestors' backgrounds, composited down to the white canvas.
  const background = element => {
    const layers = [];
    for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
      const colour = parse(getComputedStyle(node).backgroundColor);
      if (colour.a > 0) {
        layers.push(colour);
        if (colour.a >= 1) break;
      }
    }
    return layers.reverse().reduce((below, layer) => over(layer, below), { r: 255, g: 255, b: 255, a: 1 });
  };
  const visible = element => {
    const style = getComputedStyle(element);
    return style.visibility !== 'hidden' && style.display !== 'none' && element.getClientRects().length > 0 &&
      !element.closest('[aria-hidden="true"], .visually-hidden, [disabled]');
  };

  const failures = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    const element = text.parentElement;
    if (!text.textContent.trim() || seen.has(element) || !visible(element)) continue;
    seen.add(element);
    const style = getComputedStyle(element);
    const inSvg = element instanceof SVGElement;
    const background_ = background(inSvg ? element.closest('svg').parentElement : element);
    const foreground = over(parse(inSvg ? style.fill : style.color), background_);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    const value = ratio(foreground, background_);
    if (value < (large ? 3 : 4.5)) {
      failures.push(`${value.toFixed(2)}:1 "${text.textContent.trim().slice(0, 40)}" (${style.color} on ${JSON.stringify(background_)})`);
    }
  }
  return failures;
}
