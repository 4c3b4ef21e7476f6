import { LABELS, type Label } from '../store/schema';

export interface LabelMetrics {
  label: Label;
  precision: number;
  recall: number;
  f1: number;
  /** Rows whose true label is this one. */
  support: number;
}

export interface EvaluationReport {
  perLabel: LabelMetrics[];
  macroF1: number;
  accuracy: number;
  /** confusion[actual][predicted], both in LABELS order. */
  confusion: number[][];
}

const ratio = (numerator: number, denominator: number) => (denominator === 0 ? 0 : numerator / denominator);

export function evaluatePredictions(actual: readonly Label[], predicted: readonly Label[]): EvaluationReport {
  if (actual.length !== predicted.length) throw new Error(`${actual.length} labels but ${predicted.length} predictions`);
  const index = new Map(LABELS.map((label, i) => [label, i]));
  const confusion = LABELS.map(() => LABELS.map(() => 0));
  actual.forEach((label, i) => confusion[index.get(label)!]![index.get(predicted[i]!)!]!++);

  const perLabel = LABELS.map((label, i): LabelMetrics => {
    const truePositives = confusion[i]![i]!;
    const predictedCount = confusion.reduce((sum, row) => sum + row[i]!, 0);
    const support = confusion[i]!.reduce((sum, n) => sum + n, 0);
    const precision = ratio(truePositives, predictedCount);
    const recall = ratio(truePositives, support);
    return { label, precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
  });
  // Macro-F1 over the labels present in the data, so that a file without e.g. `request` rows is not penalised.
  const present = perLabel.filter((m) => m.support > 0);
  const correct = LABELS.reduce((sum, _, i) => sum + confusion[i]![i]!, 0);
  return {
    perLabel,
    macroF1: ratio(present.reduce((sum, m) => sum + m.f1, 0), present.length),
    accuracy: ratio(correct, actual.length),
    confusion,
  };
}

const LABEL_WIDTH = Math.max('label'.length, ...LABELS.map((l) => l.length)) + 2;
const cell = (value: string, width: number) => value.padEnd(width);

/** `label precision recall f1 support` rows, a `macro-F1 0.xxx` line, then the confusion matrix. */
export function formatEvaluation(report: EvaluationReport): string {
  const lines = [
    cell('label', LABEL_WIDTH) + ['precision', 'recall', 'f1', 'support'].map((h) => cell(h, 11)).join('').trimEnd(),
    ...report.perLabel.map(
      (m) =>
        cell(m.label, LABEL_WIDTH) +
        [m.precision.toFixed(3), m.recall.toFixed(3), m.f1.toFixed(3), String(m.support)].map((v) => cell(v, 11)).join('').trimEnd(),
    ),
    `macro-F1 ${report.macroF1.toFixed(3)}`,
    `accuracy ${report.accuracy.toFixed(3)}`,
    '',
    'confusion matrix (rows: actual, columns: predicted)',
    cell('', LABEL_WIDTH) + LABELS.map((l) => cell(l, 14)).join('').trimEnd(),
    ...report.confusion.map((row, i) => cell(LABELS[i]!, LABEL_WIDTH) + row.map((n) => cell(String(n), 14)).join('').trimEnd()),
  ];
  return lines.join('\n');
}
