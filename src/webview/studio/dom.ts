// Builds DOM nodes with properties and children; text always goes in through textContent,
// never as HTML, so nothing a prompt or a file name contains can become markup.
type Props = Record<string, unknown> & { className?: string; textContent?: string };

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props, children?: (Node | string)[]): HTMLElementTagNameMap[K];
export function h(tag: string, props?: Props, children?: (Node | string)[]): HTMLElement;
export function h(tag: string, props: Props = {}, children: (Node | string)[] = []): HTMLElement {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (key.startsWith('data-') || key.startsWith('aria-') || key === 'role' || key === 'title' || key === 'name' || key === 'slot') {
      node.setAttribute(key, String(value));
    } else {
      (node as unknown as Record<string, unknown>)[key] = value;
    }
  }
  node.append(...children);
  return node;
}

export function format(template: string | undefined, ...values: (string | number)[]): string {
  return (template ?? '').replace(/\{(\d+)\}/g, (_, index: string) => String(values[Number(index)] ?? ''));
}
