/**
 * The label-budget field's text ↔ the spec's `labelBudgets`: "5%, 10%, 25%, 100%" are fractions of the training
 * split, "50, 100" record counts, "0.25" a fraction. Range and duplicate checks are the spec schema's (the
 * worker validates the edited spec); this only reads the text.
 */
export type BudgetParse = { ok: true; budgets: number[] | undefined } | { ok: false; error: string };

export function parseBudgetText(text: string): BudgetParse {
  const parts = text
    .replace(/\s+%/g, '%')
    .split(/[,;\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return { ok: true, budgets: undefined };
  const budgets: number[] = [];
  for (const p of parts) {
    const m = /^(\d+(?:\.\d+)?|\.\d+)\s*(%?)$/.exec(p);
    if (!m) return { ok: false, error: `“${p}” is not a percentage (25%), a fraction (0.25) or a record count (50)` };
    const v = Number(m[1]);
    budgets.push(m[2] ? +(v / 100).toFixed(6) : v);
  }
  return { ok: true, budgets };
}

/** Fractions as percentages, counts as counts: the text the field shows for a spec's budgets. */
export function budgetText(budgets: readonly number[] | undefined): string {
  if (!budgets?.length) return '';
  return budgets.map((b) => (b <= 1 ? `${+(b * 100).toFixed(4)}%` : String(b))).join(', ');
}
