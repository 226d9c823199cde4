import type { Block, TableBlock } from '../model.js';
import { inlineText } from '../model.js';

/**
 * The fillable fields of a document, shared by the DOCX renderer (content controls) and the PDF
 * renderer (AcroForm fields), so both name the same boxes the same way.
 */

/** What a blank is filled with: free text (several lines when `multiLine`) or a tick. */
export type FormInput = 'text' | 'check';

/** Gives each field of one document a readable name, unique within it ("Scorecard · Empathy · Rating"). */
export class FieldNames {
  private readonly used = new Map<string, number>();

  name(...parts: string[]): string {
    // A PDF field name may not hold "." (it separates a field from its parent).
    const base =
      parts
        .map((p) => p.replace(/\s+/g, ' ').replace(/\./g, '').trim())
        .filter(Boolean)
        .join(' · ')
        .slice(0, 120) || 'Field';
    const n = (this.used.get(base) ?? 0) + 1;
    this.used.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  }
}

/**
 * The field of a table body cell, or null when the cell is printed text: a column marked `input`
 * whose cell is empty (a rating or a note is typed, a tick is checked). `row` counts the body rows,
 * blank rows after the given ones included.
 */
export function cellField(
  t: TableBlock,
  row: number,
  col: number,
  names: FieldNames,
  context = '',
): { name: string; input: FormInput; multiLine: boolean } | null {
  const column = t.columns[col];
  if (!column?.input) return null;
  const value = t.rows[row]?.[col];
  if (value !== undefined && inlineText([value]).trim() !== '') return null;
  // The row is named after its first printed cell that says something (not a row number).
  const rowLabel =
    t.columns
      .map((c, i) => (c.input ? '' : inlineText(t.rows[row]?.[i] === undefined ? [] : [t.rows[row]![i]!]).trim()))
      .find((text) => text !== '' && !/^\d+$/.test(text)) ?? '';
  return {
    name: names.name(context || t.title, rowLabel || `row ${row + 1}`, column.header),
    input: column.input === 'check' ? 'check' : 'text',
    multiLine: (t.lines ?? 1) > 1 || column.input === 'text',
  };
}

/** The context a field of a block is named after: the last heading before it. */
export function headingContext(blocks: readonly Block[], index: number): string {
  for (let i = index; i >= 0; i--) {
    const b = blocks[i]!;
    if (b.type === 'heading') return b.text.replace(/^\d+\.\s*/, '').replace(/\s·\s.*$/, '');
  }
  return '';
}

/** The columns of a sign-off that are typed in (the signature itself is signed, not typed). */
export const SIGNATURE_COLUMNS = ['Signed by', 'Name', 'Signature', 'Date'] as const;
export const SIGNATURE_TYPED: readonly boolean[] = [false, true, false, true];
