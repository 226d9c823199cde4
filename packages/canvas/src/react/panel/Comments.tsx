import { useMemo, useRef, useState } from 'react';
import { Button, ErrorLine, TextArea } from '@journeycraft/ui';
import { createRecord, updateRecord } from '@journeycraft/doc';
import { useRecords } from '@journeycraft/doc-react';
import type { Comment } from '@journeycraft/schema';
import { useCanvas, type PresentPerson } from '../context.js';

/** Names mentioned as `@Name` in a text, among the people given (longest names first). */
export function mentionsIn(body: string, names: readonly string[]): string[] {
  const found: string[] = [];
  for (const name of [...names].sort((a, b) => b.length - a.length)) {
    const at = body.indexOf(`@${name}`);
    if (at >= 0 && !found.includes(name)) found.push(name);
  }
  return found;
}

function Body({ text, mentions }: { text: string; mentions: readonly string[] }) {
  if (!mentions.length) return <>{text}</>;
  const pattern = new RegExp(`(@(?:${mentions.map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')}))`, 'g');
  return (
    <>
      {text.split(pattern).map((part, i) =>
        i % 2 === 1 ? (
          <mark key={i} className="jc-mention">
            {part}
          </mark>
        ) : (
          part
        ),
      )}
    </>
  );
}

const time = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A text box that offers present people when you type `@`. */
function Composer({
  people,
  placeholder,
  submit,
  label,
}: {
  people: readonly PresentPerson[];
  placeholder: string;
  submit: (body: string) => string | null;
  label: string;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [caret, setCaret] = useState(0);
  const ref = useRef<HTMLTextAreaElement>(null);
  const token = /@([^\s@]*)$/.exec(text.slice(0, caret));
  const options = token
    ? people.filter((p) => !p.isLocal && p.name.toLowerCase().startsWith(token[1]!.toLowerCase())).slice(0, 6)
    : [];
  const pick = (name: string) => {
    if (!token) return;
    const start = caret - token[0].length;
    const next = `${text.slice(0, start)}@${name} ${text.slice(caret)}`;
    setText(next);
    const pos = start + name.length + 2;
    setCaret(pos);
    requestAnimationFrame(() => {
      ref.current?.focus();
      ref.current?.setSelectionRange(pos, pos);
    });
  };
  const send = () => {
    const body = text.trim();
    if (!body) return setError('Write something first.');
    const problem = submit(body);
    setError(problem);
    if (!problem) setText('');
  };
  return (
    <div className="jc-composer">
      <TextArea
        ref={ref}
        rows={2}
        aria-label={label}
        placeholder={placeholder}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setCaret(e.target.selectionStart);
          setError(null);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        onKeyDown={(e) => {
          if (options.length && (e.key === 'Tab' || e.key === 'Enter')) {
            e.preventDefault();
            pick(options[0]!.name);
          } else if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) {
            e.preventDefault();
            send();
          }
        }}
      />
      {options.length ? (
        <ul className="jc-mentions" role="listbox" aria-label="Mention someone">
          {options.map((p) => (
            <li key={p.clientId} role="option" aria-selected="false">
              <Button variant="plain" onMouseDown={(e) => e.preventDefault()} onClick={() => pick(p.name)}>
                <span className="jc-dot" style={{ background: p.color }} /> {p.name}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="jc-composer-foot">
        <span className="jc-muted">Type @ to mention someone here · Ctrl+Enter sends</span>
        <Button variant="primary" size="sm" onClick={send}>
          {label.startsWith('Reply') ? 'Reply' : 'Comment'}
        </Button>
      </div>
      <ErrorLine message={error} />
    </div>
  );
}

/** Comment threads on one record: start a thread, reply, resolve and reopen. */
export function Comments({ targetId, people }: { targetId: string; people: readonly PresentPerson[] }) {
  const { store, doc, origin, user, principal } = useCanvas();
  const all = useRecords(store, 'comments');
  const [showResolved, setShowResolved] = useState(false);
  const { threads, replies } = useMemo(() => {
    const mine = all.filter((c) => c.targetId === targetId);
    const roots = mine.filter((c) => c.threadId === null).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const byThread = new Map<string, Comment[]>();
    for (const c of mine) {
      if (c.threadId === null) continue;
      const list = byThread.get(c.threadId) ?? [];
      list.push(c);
      byThread.set(c.threadId, list);
    }
    for (const list of byThread.values()) list.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    return { threads: roots, replies: byThread };
  }, [all, targetId]);
  const names = people.map((p) => p.name);
  const post = (body: string, threadId: string | null) => {
    try {
      createRecord(
        doc,
        'comments',
        {
          targetId,
          threadId,
          // The server keeps the author to the session: a guest's fixed name and key.
          authorName: principal.name ?? user.name,
          authorKey: principal.key,
          body,
          mentions: mentionsIn(body, names),
          createdAt: new Date().toISOString(),
        },
        origin,
      );
      return null;
    } catch (e) {
      return e instanceof Error ? e.message : 'Could not post the comment.';
    }
  };
  const open = threads.filter((t) => !t.resolved);
  const resolved = threads.filter((t) => t.resolved);
  const shown = showResolved ? threads : open;
  return (
    <div className="jc-comments" data-testid="comments">
      {shown.length === 0 ? (
        <p className="jc-muted">
          {resolved.length ? 'Every thread here is resolved.' : 'No comments yet. Start the conversation.'}
        </p>
      ) : null}
      <ol className="jc-threads">
        {shown.map((t) => (
          <li key={t.id} className={`jc-thread${t.resolved ? ' is-resolved' : ''}`} data-testid="comment-thread">
            {[t, ...(replies.get(t.id) ?? [])].map((c) => (
              <div key={c.id} className="jc-comment">
                <div className="jc-comment-head">
                  <strong>{c.authorName}</strong>
                  <time dateTime={c.createdAt}>{time.format(new Date(c.createdAt))}</time>
                </div>
                <p className="jc-comment-body">
                  <Body text={c.body} mentions={c.mentions} />
                </p>
              </div>
            ))}
            <div className="jc-thread-actions">
              <Button
                variant="link"
                onClick={() => updateRecord(doc, 'comments', t.id, { resolved: !t.resolved }, origin)}
              >
                {t.resolved ? 'Reopen' : 'Resolve'}
              </Button>
            </div>
            {!t.resolved ? (
              <Composer people={people} placeholder="Reply…" label="Reply to thread" submit={(b) => post(b, t.id)} />
            ) : null}
          </li>
        ))}
      </ol>
      {resolved.length ? (
        <Button variant="link" onClick={() => setShowResolved((s) => !s)}>
          {showResolved ? 'Hide resolved threads' : `Show ${resolved.length} resolved`}
        </Button>
      ) : null}
      <Composer
        people={people}
        placeholder="Add a comment… use @ to mention someone"
        label="New comment"
        submit={(b) => post(b, null)}
      />
    </div>
  );
}
