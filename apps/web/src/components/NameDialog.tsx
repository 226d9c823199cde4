import { useState, type FormEvent } from 'react';
import { Button, Dialog, Field, Input } from '@journeycraft/ui';
import { setDisplayName } from '../identity';

/** Asks once for the name others see next to your avatar; kept in this browser. */
export function NameDialog({ open, initial, onDone }: { open: boolean; initial: string; onDone: () => void }) {
  return (
    <Dialog
      open={open}
      title="What should others call you?"
      onClose={() => {
        setDisplayName(initial);
        onDone();
      }}
    >
      {open ? <NameForm initial={initial} onDone={onDone} /> : null}
    </Dialog>
  );
}

function NameForm({ initial, onDone }: { initial: string; onDone: () => void }) {
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const clean = name.trim();
    if (clean.length > 60) {
      setError('Keep your name to 60 characters or fewer.');
      return;
    }
    setDisplayName(clean || initial);
    onDone();
  };
  return (
    <form onSubmit={submit} noValidate>
      <p className="dialog-text">
        Your name appears beside your avatar for everyone on this map. You can change it later.
      </p>
      <Field label="Your name" error={error}>
        <Input
          id="display-name"
          value={name}
          autoFocus
          maxLength={80}
          autoComplete="nickname"
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
        />
      </Field>
      <div className="dialog-actions">
        <Button type="submit" variant="primary">
          Continue
        </Button>
      </div>
    </form>
  );
}
