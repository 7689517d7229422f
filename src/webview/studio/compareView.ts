// Compare: two images in one frame, the second laid over the first and cut at a divider (a
// before/after wipe). A range input moves the divider, so it works with the keyboard (arrows,
// Page Up/Down, Home/End) and screen readers; dragging on the images moves it too. Escape or
// Close ends it and gives the focus back to where Compare was started.
import type { StudioStrings } from '../../protocol/studioMessages';
import { h } from './dom';

export interface CompareImage {
  readonly src: string;
  /** What the image is ("Before", "Candidate 2 of 4", its path). */
  readonly label: string;
  readonly alt: string;
}

export function renderCompare(first: CompareImage, second: CompareImage, strings: StudioStrings, onClose: () => void): HTMLElement {
  const under = h('img', { className: 'compare-under', src: first.src, alt: first.alt });
  const over = h('img', { className: 'compare-over', src: second.src, alt: second.alt });
  const divider = h('div', { className: 'compare-divider', 'aria-hidden': 'true' });
  const stage = h('div', { className: 'compare-stage' }, [under, over, divider]);
  const slider = h('input', { type: 'range', className: 'compare-slider', min: '0', max: '100', step: '1', value: '50', 'aria-label': strings.compareDivider });
  // CSSOM (not a style attribute): the page's CSP allows no inline styles.
  const place = (percent: number) => {
    over.style.clipPath = `inset(0 0 0 ${percent}%)`;
    divider.style.left = `${percent}%`;
    slider.setAttribute('aria-valuetext', `${percent}%`);
  };
  slider.addEventListener('input', () => place(Number(slider.value)));
  under.addEventListener('load', () => {
    if (under.naturalWidth > 0 && under.naturalHeight > 0) stage.style.aspectRatio = `${under.naturalWidth} / ${under.naturalHeight}`;
  });
  const follow = (event: PointerEvent) => {
    const box = stage.getBoundingClientRect();
    if (box.width <= 0) return;
    slider.value = String(Math.round(Math.min(100, Math.max(0, ((event.clientX - box.left) / box.width) * 100))));
    place(Number(slider.value));
  };
  stage.addEventListener('pointerdown', (event) => {
    stage.setPointerCapture(event.pointerId);
    follow(event);
  });
  stage.addEventListener('pointermove', (event) => {
    if (stage.hasPointerCapture(event.pointerId)) follow(event);
  });
  const close = h('vscode-button', { secondary: true, className: 'compare-close' }, [strings.compareClose]);
  close.addEventListener('click', onClose);
  const heading = h('h2', { id: 'compare-heading', textContent: strings.compareHeading });
  const section = h('section', { className: 'compare', 'aria-labelledby': 'compare-heading' }, [
    heading,
    stage,
    slider,
    h('div', { className: 'compare-labels' }, [h('span', { className: 'compare-label-first', textContent: first.label }), h('span', { className: 'compare-label-second', textContent: second.label })]),
    close,
  ]);
  section.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
  });
  place(50);
  return section;
}
