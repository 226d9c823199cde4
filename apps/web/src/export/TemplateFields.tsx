import type { TemplateField } from './api';
import { useTemplateFields } from './hooks';
import { LoadingState } from './ui';

/** A sample value as one short line: text quoted, lists as their first item and a count. */
export function sampleText(value: unknown, type: string): string | null {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) {
    if (value.length === 0) return 'empty list';
    const first = value[0];
    const head = typeof first === 'string' ? `“${clip(first)}”` : null;
    return `${value.length} ${value.length === 1 ? 'item' : 'items'}${head ? `, first ${head}` : ''}`;
  }
  if (typeof value === 'boolean' || type === 'yes/no') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value ? `“${clip(value)}”` : 'empty';
  return null;
}

function clip(text: string, max = 90): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The value of `name` in a sample: for a list, in its first item. */
function child(sample: unknown, name: string): unknown {
  const item = Array.isArray(sample) ? sample[0] : sample;
  return typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[name] : undefined;
}

function FieldRows({
  fields,
  sample,
  prefix,
  inLoop,
}: {
  fields: readonly TemplateField[];
  sample: unknown;
  /** Dotted path of the enclosing group ("role."), empty at the top and inside loops. */
  prefix: string;
  inLoop: boolean;
}) {
  return (
    <ul className={`field-tree${inLoop ? ' field-tree-loop' : ''}`}>
      {fields.map((f) => {
        const value = child(sample, f.name);
        const tag = `${prefix}${f.name}`;
        const example = f.type === 'group' || f.type === 'list' ? null : sampleText(value, f.type);
        return (
          <li key={f.name} className="field-item" aria-label={tag}>
            <div className="field-line">
              <code className="field-tag">{tag}</code>
              <span className={`field-type field-type-${f.type === 'list of text' ? 'list' : f.type.replace('/', '')}`}>
                {f.type}
              </span>
              <span className="field-desc">{f.description}</span>
            </div>
            {example ? <p className="field-sample">e.g. {example}</p> : null}
            {f.type === 'list' || f.type === 'list of text' ? (
              <p className="field-loop">
                Word <code>{`{#${tag}}…{/${tag}}`}</code> · Liquid{' '}
                <code>{`{% for item in ${tag} %}…{% endfor %}`}</code>
                {f.type === 'list of text' ? (
                  <>
                    {' '}
                    · each item is <code>{'{.}'}</code> / <code>{'{{ item }}'}</code>
                  </>
                ) : null}
              </p>
            ) : null}
            {f.fields?.length ? (
              <FieldRows
                fields={f.fields}
                sample={value}
                prefix={f.type === 'group' ? `${tag}.` : ''}
                inLoop={f.type === 'list'}
              />
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/** The fields templates can use, with the sample map's values, as served by the server. */
export function TemplateFields() {
  const loaded = useTemplateFields();
  if (loaded.status !== 'ready') return <LoadingState loaded={loaded} what="the template fields" />;
  const { fields, sample } = loaded.value;
  return (
    // A scrolling region: focusable, so a keyboard can scroll it too.
    <div className="field-ref" role="region" aria-label="Template fields" tabIndex={0}>
      <FieldRows fields={fields} sample={sample} prefix="" inLoop={false} />
    </div>
  );
}
