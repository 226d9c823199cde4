// @vitest-environment happy-dom
import { act, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import {
  Button,
  Check,
  ConfirmDialog,
  deleteQuestion,
  Dialog,
  DialogActions,
  ErrorLine,
  Field,
  FileInput,
  Input,
  Segmented,
  Select,
  Toast,
  ToastRegion,
  useRunWithError,
} from '@journeycraft/ui';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
let host: HTMLElement | null = null;
afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
  root = null;
  host = null;
});

function render(node: React.ReactNode): HTMLElement {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root!.render(node));
  return host;
}

async function flush() {
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
}

function click(el: Element | null | undefined) {
  if (!el) throw new Error('nothing to click');
  act(() => (el as HTMLElement).click());
}

describe('deleteQuestion', () => {
  it('names the thing and counts what goes with it, leaving zeros out', () => {
    expect(deleteQuestion('stage', 'Onboarding', [{ count: 12, one: 'card' }])).toBe(
      'Delete stage ‘Onboarding’ and its 12 cards?',
    );
    expect(
      deleteQuestion('map', 'Retail', [
        { count: 3, one: 'stage' },
        { count: 1, one: 'card' },
        { count: 0, one: 'role' },
        { count: 2, one: 'persona', many: 'personas' },
      ]),
    ).toBe('Delete map ‘Retail’ and its 3 stages, 1 card and 2 personas?');
    expect(deleteQuestion('lane', '  ', [{ count: 0, one: 'card' }])).toBe('Delete this lane?');
  });
});

describe('Button', () => {
  it('is a type="button" in its variant, disabled and aria-busy while busy', () => {
    const el = render(
      <>
        <Button variant="primary" size="sm">
          Save
        </Button>
        <Button busy>Wait</Button>
      </>,
    );
    const [save, wait] = [...el.querySelectorAll('button')];
    expect(save!.getAttribute('type')).toBe('button');
    expect(save!.className).toBe('btn btn-primary btn-sm');
    expect(save!.disabled).toBe(false);
    expect(wait!.disabled).toBe(true);
    expect(wait!.getAttribute('aria-busy')).toBe('true');
  });
});

describe('Field', () => {
  it('labels its control and describes it by the hint and the error', () => {
    const el = render(
      <Field label="Title" hint="Shown on the map" error="At most 120 characters.">
        <Input defaultValue="x" />
      </Field>,
    );
    const input = el.querySelector('input')!;
    const label = el.querySelector('label')!;
    expect(label.htmlFor).toBe(input.id);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const described = input.getAttribute('aria-describedby')!.split(' ');
    expect(described.map((id) => document.getElementById(id)?.textContent)).toEqual([
      'Shown on the map',
      'At most 120 characters.',
    ]);
    expect(el.querySelector('[role="alert"]')!.textContent).toBe('At most 120 characters.');
  });

  it('keeps an id and describedby of its own, and is valid without an error', () => {
    const el = render(
      <Field label="Seats">
        <Input id="seats" aria-describedby="elsewhere" />
      </Field>,
    );
    const input = el.querySelector('input')!;
    expect(input.id).toBe('seats');
    expect(input.getAttribute('aria-describedby')).toBe('elsewhere');
    expect(input.getAttribute('aria-invalid')).toBeNull();
    expect(el.querySelector('[role="alert"]')).toBeNull();
  });
});

describe('Select', () => {
  it('shows labels, stores values, and reports the chosen value', () => {
    const seen: string[] = [];
    function Probe() {
      const [v, setV] = useState<'web' | 'phone' | ''>('');
      return (
        <Select
          aria-label="Channel"
          options={[
            { value: 'web', label: 'Website' },
            { value: 'phone', label: 'Phone' },
          ]}
          placeholder="Choose…"
          value={v}
          onValue={(next) => {
            seen.push(next);
            setV(next);
          }}
        />
      );
    }
    const el = render(<Probe />);
    const select = el.querySelector('select')!;
    expect([...select.options].map((o) => o.textContent)).toEqual(['Choose…', 'Website', 'Phone']);
    act(() => {
      select.value = 'phone';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(seen).toEqual(['phone']);
    expect(select.value).toBe('phone');
  });
});

describe('ErrorLine', () => {
  it('renders nothing without a message, an alert with one', () => {
    expect(render(<ErrorLine message={null} />).innerHTML).toBe('');
    act(() => root!.render(<ErrorLine message="Name is required." />));
    expect(host!.querySelector('[role="alert"]')!.textContent).toBe('Name is required.');
  });

  it('shows a message as a sentence: a lowercase one from the server starts with a capital', () => {
    render(<ErrorLine message="this link was revoked by the map's owner" />);
    expect(host!.querySelector('[role="alert"]')!.textContent).toBe("This link was revoked by the map's owner");
  });
});

describe('useRunWithError', () => {
  it('is busy while the action runs, keeps its error message, and clears it on the next run', async () => {
    let finish: (() => void) | null = null;
    let api: ReturnType<typeof useRunWithError> | null = null;
    function Probe() {
      api = useRunWithError();
      return <span data-busy={String(api.busy)}>{api.error ?? ''}</span>;
    }
    const el = render(<Probe />);
    const span = el.querySelector('span')!;
    let result: Promise<boolean> | null = null;
    act(() => {
      result = api!.run(() => new Promise<void>((resolve) => (finish = resolve)));
    });
    expect(span.dataset.busy).toBe('true');
    await act(async () => finish!());
    expect(await result!).toBe(true);
    expect(span.dataset.busy).toBe('false');

    let failed: boolean | null = null;
    await act(async () => {
      failed = await api!.run(async () => {
        throw new Error('The map is locked.');
      });
    });
    expect(failed).toBe(false);
    expect(span.textContent).toBe('The map is locked.');
    await act(async () => {
      await api!.run(() => undefined);
    });
    expect(span.textContent).toBe('');
  });

  it('words a thrown non-Error with the given messageOf', async () => {
    let api: ReturnType<typeof useRunWithError> | null = null;
    function Probe() {
      api = useRunWithError((e) => `Refused: ${String(e)}`);
      return <span>{api.error}</span>;
    }
    const el = render(<Probe />);
    await act(async () => {
      await api!.run(() => Promise.reject('quota'));
    });
    expect(el.textContent).toBe('Refused: quota');
  });
});

describe('Dialog', () => {
  it('opens as a modal named by its title and closes on Escape (cancel)', () => {
    let closed = 0;
    const el = render(
      <Dialog open title="Invite people" description="Anyone with the link joins." onClose={() => closed++}>
        <p>body</p>
      </Dialog>,
    );
    const dialog = el.querySelector('dialog')!;
    expect(dialog.open).toBe(true);
    expect(document.getElementById(dialog.getAttribute('aria-labelledby')!)!.textContent).toBe('Invite people');
    expect(document.getElementById(dialog.getAttribute('aria-describedby')!)!.textContent).toBe(
      'Anyone with the link joins.',
    );
    act(() => {
      dialog.dispatchEvent(new Event('cancel', { cancelable: true }));
    });
    expect(closed).toBe(1);
  });
});

describe('ConfirmDialog', () => {
  it('runs the confirm, closes when it worked', async () => {
    let confirmed = 0;
    let closed = 0;
    const el = render(
      <ConfirmDialog
        open
        title={deleteQuestion('stage', 'Onboarding', [{ count: 12, one: 'card' }])}
        onConfirm={async () => {
          confirmed++;
        }}
        onClose={() => closed++}
      />,
    );
    expect(el.querySelector('h2')!.textContent).toBe('Delete stage ‘Onboarding’ and its 12 cards?');
    const [cancel, del] = [...el.querySelectorAll('button')];
    expect(cancel!.textContent).toBe('Cancel');
    click(del);
    await flush();
    expect([confirmed, closed]).toEqual([1, 1]);
  });

  it('stays open and shows why when the confirm fails', async () => {
    let closed = 0;
    const el = render(
      <ConfirmDialog
        open
        title="Delete map ‘Retail’?"
        confirmLabel="Delete map"
        onConfirm={async () => {
          throw new Error('Only the owner or an admin can delete this map.');
        }}
        onClose={() => closed++}
      />,
    );
    click([...el.querySelectorAll('button')].find((b) => b.textContent === 'Delete map'));
    await flush();
    expect(closed).toBe(0);
    expect(el.querySelector('[role="alert"]')!.textContent).toBe('Only the owner or an admin can delete this map.');
  });
});

describe('Toast', () => {
  it('announces its message in a labelled region, with its action and a dismiss', () => {
    const did: string[] = [];
    const el = render(
      <ToastRegion label="Recent deletes" floating>
        <Toast action={{ label: 'Undo', onAction: () => did.push('undo') }} onDismiss={() => did.push('dismiss')}>
          Ada deleted stage ‘Onboarding’.
        </Toast>
      </ToastRegion>,
    );
    const region = el.querySelector('[role="region"]')!;
    expect(region.getAttribute('aria-label')).toBe('Recent deletes');
    expect(region.className).toBe('toasts is-floating');
    expect(el.querySelector('[role="status"]')!.textContent).toContain('Ada deleted stage ‘Onboarding’.');
    click([...el.querySelectorAll('button')].find((b) => b.textContent === 'Undo'));
    click(el.querySelector('[aria-label="Dismiss"]'));
    expect(did).toEqual(['undo', 'dismiss']);
  });
});

describe('Button plain', () => {
  it('keeps the kit behaviour with only the caller’s class', () => {
    const el = render(
      <Button variant="plain" className="jc-tool" busy>
        Stage
      </Button>,
    );
    const b = el.querySelector('button')!;
    expect(b.className).toBe('jc-tool');
    expect(b.type).toBe('button');
    expect(b.disabled).toBe(true);
    expect(b.getAttribute('aria-busy')).toBe('true');
  });
});

describe('Field extras', () => {
  it('counts characters near the limit, described by the count, marked when over', () => {
    const el = render(
      <Field label="Description" count={{ length: 10_050, max: 10_000 }}>
        <Input />
      </Field>,
    );
    const input = el.querySelector('input')!;
    const count = document.getElementById(input.getAttribute('aria-describedby')!)!;
    expect(count.textContent).toBe('10,050 / 10,000 characters');
    expect(count.className).toBe('field-count is-over');
    expect(count.getAttribute('aria-live')).toBe('polite');
  });

  it('says nothing of the count far from the limit', () => {
    const el = render(
      <Field label="Description" count={{ length: 12, max: 10_000 }}>
        <Input />
      </Field>,
    );
    expect(el.querySelector('.field-count')).toBeNull();
    expect(el.querySelector('input')!.hasAttribute('aria-describedby')).toBe(false);
  });

  it('puts what is beside the control on its line, and can hide its label but keep it read', () => {
    const el = render(
      <Field label="New title" labelHidden beside={<Button>Save</Button>} error="A title is needed." quietError>
        <Input />
      </Field>,
    );
    const row = el.querySelector('.field-row')!;
    expect(row.querySelector('input')).not.toBeNull();
    expect(row.querySelector('button')!.textContent).toBe('Save');
    const label = el.querySelector('label')!;
    expect(label.className).toBe('field-label-hidden');
    expect(label.htmlFor).toBe(el.querySelector('input')!.id);
    // quiet: read with the field, not announced on its own
    const error = el.querySelector('.field-error')!;
    expect(error.getAttribute('role')).toBeNull();
    expect(el.querySelector('input')!.getAttribute('aria-describedby')).toBe(error.id);
  });
});

describe('Select groups', () => {
  it('shows options of a group under it, in order', () => {
    const el = render(
      <Select
        aria-label="Competency"
        value=""
        placeholder="Choose one…"
        onValue={() => {}}
        options={[
          { value: 'a', label: 'Empathy', group: 'How' },
          { value: 'b', label: 'Warmth', group: 'How' },
          { value: 'c', label: 'Billing rules', group: 'What' },
        ]}
      />,
    );
    const groups = [...el.querySelectorAll('optgroup')];
    expect(groups.map((g) => [g.label, [...g.querySelectorAll('option')].map((o) => o.textContent)])).toEqual([
      ['How', ['Empathy', 'Warmth']],
      ['What', ['Billing rules']],
    ]);
    expect(el.querySelector('select > option')!.textContent).toBe('Choose one…');
  });
});

describe('Check', () => {
  it('is a checkbox named by its words and described by its hint', () => {
    let checked = false;
    const el = render(
      <Check
        label="Shared with the whole workspace"
        hint="Every member can open it."
        onChange={(e) => (checked = e.target.checked)}
      />,
    );
    const box = el.querySelector('input')!;
    expect(box.type).toBe('checkbox');
    expect(box.closest('label')!.textContent).toBe('Shared with the whole workspace');
    expect(document.getElementById(box.getAttribute('aria-describedby')!)!.textContent).toBe(
      'Every member can open it.',
    );
    click(box);
    expect(checked).toBe(true);
  });

  it('as a card: a radio named by its title alone, described by its hint', () => {
    const el = render(<Check card type="radio" name="kind" label="Job advertisement" hint="For the careers page." />);
    const radio = el.querySelector('input')!;
    expect(radio.type).toBe('radio');
    expect(el.querySelector('label')!.className).toBe('check-card');
    expect(document.getElementById(radio.getAttribute('aria-labelledby')!)!.textContent).toBe('Job advertisement');
    expect(document.getElementById(radio.getAttribute('aria-describedby')!)!.textContent).toBe('For the careers page.');
  });
});

describe('Segmented', () => {
  it('is a group of radios named by its legend, the chosen one marked, reporting a change', () => {
    const chosen: string[] = [];
    const el = render(
      <Segmented
        legend="Where the role works"
        options={[
          { value: 'frontstage', label: 'Frontstage' },
          { value: 'backstage', label: 'Backstage' },
        ]}
        value="frontstage"
        onValue={(v) => chosen.push(v)}
      />,
    );
    expect(el.querySelector('fieldset > legend')!.textContent).toBe('Where the role works');
    const radios = [...el.querySelectorAll('input[type="radio"]')] as HTMLInputElement[];
    expect(radios.map((r) => r.checked)).toEqual([true, false]);
    expect(radios[0]!.name).toBe(radios[1]!.name);
    expect(el.querySelector('.segment-on')!.textContent).toBe('Frontstage');
    click(radios[1]);
    expect(chosen).toEqual(['backstage']);
  });
});

describe('FileInput and DialogActions', () => {
  it('a file picker in the kit’s class; a footer row with what sits apart on its left', () => {
    const el = render(
      <>
        <FileInput aria-label="Framework file" accept=".csv" />
        <DialogActions start={<span>2 problems</span>}>
          <Button>Cancel</Button>
        </DialogActions>
      </>,
    );
    const file = el.querySelector('input')!;
    expect([file.type, file.className, file.accept]).toEqual(['file', 'file-input', '.csv']);
    const row = el.querySelector('.dialog-actions')!;
    expect(row.firstElementChild!.className).toBe('dialog-actions-start');
    expect(row.lastElementChild!.textContent).toBe('Cancel');
  });

  it('a Dialog with actions puts them in its footer row', () => {
    const el = render(
      <Dialog open title="Invite people" onClose={() => {}} actions={<Button>Done</Button>}>
        <p>Links</p>
      </Dialog>,
    );
    expect(el.querySelector('.dialog-body > .dialog-actions > button')!.textContent).toBe('Done');
  });
});
