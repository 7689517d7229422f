// The studio's spending section: today's spend of each capped provider against its caps, then the
// last 30 days by day and by model, each amount in its provider's unit (credits or images) and
// an estimate marked as one. Shown when a budget is set, or when Show Spending asked for it.
import type { StudioSpending, StudioStrings } from '../../protocol/studioMessages';
import { format, h } from './dom';

type Unit = 'credits' | 'images';

const number = (value: number) => (Math.round(value * 100) / 100).toLocaleString(document.documentElement.lang || undefined);

export function amountText(strings: StudioStrings, unit: Unit, cost: number, estimated = false): string {
  const text = format(unit === 'credits' ? strings.unitCredits : strings.unitImages, number(cost));
  return estimated ? format(strings.spendingEstimated, text) : text;
}

function table(caption: string, headings: readonly string[], rows: readonly (readonly string[])[], className: string): HTMLElement {
  return h('table', { className: `spending-table ${className}` }, [
    h('caption', { textContent: caption }),
    h('thead', {}, [h('tr', {}, headings.map((heading) => h('th', { scope: 'col', textContent: heading })))]),
    h('tbody', {}, rows.map((row) => h('tr', {}, row.map((cell, index) => (index === 0 ? h('th', { scope: 'row', textContent: cell }) : h('td', { textContent: cell })))))),
  ]);
}

function todayLines(spending: StudioSpending, s: StudioStrings): HTMLElement[] {
  return spending.today.map((today) => {
    const unit = today.unit;
    const caps: [string, number, number | undefined][] = [
      [s.capPerDay, today.spent, today.caps.perDay],
      [s.capAgentsPerDay, today.agentsSpent, today.caps.agentsPerDay],
      [s.capPerMonth, today.monthSpent, today.caps.perMonth],
    ];
    const items = caps.flatMap(([name, spent, cap]) => {
      if (cap === undefined) return [];
      const meter = h('meter', { min: 0, max: cap, value: Math.min(spent, cap), high: cap * 0.8, optimum: 0, 'aria-label': name });
      return [h('li', { className: spent >= cap ? 'over-cap' : '' }, [meter, ` ${format(s.spendingCap, amountText(s, unit, spent), amountText(s, unit, cap), name)}`])];
    });
    if (today.caps.perCall !== undefined) items.push(h('li', { textContent: format(s.capPerCall, amountText(s, unit, today.caps.perCall)) }));
    const agents = today.agentsSpent > 0 && today.caps.agentsPerDay === undefined ? ` · ${format(s.spendingAgents, amountText(s, unit, today.agentsSpent))}` : '';
    return h('div', { className: 'spending-provider', 'data-provider': today.provider }, [
      h('div', { className: 'spending-today-line', textContent: format(s.spendingTodayLine, today.name, amountText(s, unit, today.spent)) + agents }),
      h('ul', { className: 'spending-caps' }, items),
    ]);
  });
}

export function renderSpending(spending: StudioSpending, s: StudioStrings, onOpenLedger: () => void): HTMLElement {
  const children: Node[] = [h('h2', { id: 'spending-heading', tabIndex: -1, textContent: s.spendingHeading })];
  if (spending.problem) {
    children.push(h('p', { className: 'task-error', textContent: format(s.spendingProblem, spending.problem) }));
  } else if (!spending.ledger) {
    children.push(h('p', { className: 'muted', textContent: s.spendingNoFolder }));
  } else {
    children.push(...(spending.today.length > 0 ? todayLines(spending, s) : [h('p', { className: 'muted spending-no-budget', textContent: s.spendingNoBudget })]));
    if (spending.days.length === 0) {
      children.push(h('p', { className: 'muted', textContent: s.spendingNothing }));
    } else {
      children.push(
        table(s.spendingByDay, [s.spendingDay, s.spendingTasks, s.spendingAmount], spending.days.map((day) => [day.day, String(day.tasks), day.amounts.map((amount) => amountText(s, amount.unit, amount.cost, amount.estimated)).join(' · ')]), 'spending-days'),
        table(s.spendingByModel, [s.spendingModel, s.spendingTasks, s.spendingAmount], spending.models.map((model) => [model.model, String(model.tasks), amountText(s, model.unit, model.cost, model.estimated)]), 'spending-models'),
      );
      if (spending.days.some((day) => day.amounts.some((amount) => amount.estimated))) children.push(h('p', { className: 'muted', textContent: s.spendingEstimateNote }));
    }
    const open = h('vscode-button', { secondary: true, className: 'spending-ledger' }, [s.spendingOpenLedger]);
    open.addEventListener('click', onOpenLedger);
    children.push(h('div', { className: 'actions' }, [open]));
  }
  return h('section', { className: 'spending', id: 'spending', 'aria-labelledby': 'spending-heading' }, children);
}
