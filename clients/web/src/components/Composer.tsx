import { useEffect, useRef, useState } from 'preact/hooks';
import type { Attachment, Member, Message } from '../api';
import { sendMessage } from '../chat';
import { client, errorMessage } from '../sdk';
import { nameOf, useUserName } from '../users';
import { formatSize } from './AttachmentView';

type Ready = Pick<Attachment, 'id' | 'filename'> & { previewUrl?: string };
type Uploading = { key: string; filename: string; size: number; error?: string };

interface ComposerProps {
  conversationId: number;
  title: string;
  members: Member[] | undefined;
  meId: number | undefined;
  replyTo: Message | null;
  onCancelReply: () => void;
}

/**
 * Writes and sends a message: Enter sends, Shift+Enter starts a new line, Escape drops the reply. Files are
 * uploaded as soon as they are chosen and go with the next message.
 */
export function Composer({ conversationId, title, members, meId, replyTo, onCancelReply }: ComposerProps) {
  const [body, setBody] = useState('');
  const [ready, setReady] = useState<Ready[]>([]);
  const [uploading, setUploading] = useState<Uploading[]>([]);
  const input = useRef<HTMLTextAreaElement>(null);
  const files = useRef<HTMLInputElement>(null);
  const replyName = useUserName(replyTo?.sender_id);

  useEffect(() => {
    if (replyTo) input.current?.focus();
  }, [replyTo]);

  const canSend = (body.trim().length > 0 || ready.length > 0) && uploading.every((upload) => upload.error);

  const send = () => {
    if (!canSend) return;
    sendMessage(conversationId, {
      body: body.trim(),
      replyTo,
      attachments: ready.map(({ id, filename }) => ({ id, filename })),
      mentions: mentionsIn(body, members, meId),
    });
    setBody('');
    setReady([]);
    setUploading([]);
    onCancelReply();
    input.current?.focus();
  };

  const upload = async (file: File) => {
    const key = `${file.name}-${file.size}-${Math.random()}`;
    setUploading((all) => [...all, { key, filename: file.name, size: file.size }]);
    try {
      const uploaded = await client.uploads.upload(file, file.name, conversationId);
      const previewUrl = file.type.startsWith('image/') ? URL.createObjectURL(file) : undefined;
      setReady((all) => [...all, { id: uploaded.id, filename: file.name, previewUrl }]);
      setUploading((all) => all.filter((upload) => upload.key !== key));
    } catch (failure) {
      setUploading((all) => all.map((upload) => (upload.key === key ? { ...upload, error: errorMessage(failure) } : upload)));
    }
  };

  return (
    <form
      class="composer"
      aria-label={`Write to ${title}`}
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      {replyTo && (
        <div class="replying" role="status">
          <span>
            Replying to <strong>{replyName}</strong>: {(replyTo.body ?? '').slice(0, 80) || 'an attachment'}
          </span>
          <button type="button" class="link" onClick={onCancelReply}>
            Cancel reply
          </button>
        </div>
      )}
      {(ready.length > 0 || uploading.length > 0) && (
        <ul class="drafts" aria-label="Attachments to send">
          {uploading.map((upload) => (
            <li key={upload.key} class={upload.error ? 'error' : ''}>
              {upload.error ? `${upload.filename}: ${upload.error}` : `Uploading ${upload.filename} (${formatSize(upload.size)})…`}
              {upload.error && (
                <button type="button" class="link" onClick={() => setUploading((all) => all.filter((other) => other.key !== upload.key))}>
                  Remove
                </button>
              )}
            </li>
          ))}
          {ready.map((attachment) => (
            <li key={attachment.id}>
              {attachment.previewUrl && <img src={attachment.previewUrl} alt="" class="draft-preview" />}
              {attachment.filename}
              <button
                type="button"
                class="link"
                aria-label={`Remove ${attachment.filename}`}
                onClick={() => setReady((all) => all.filter((other) => other.id !== attachment.id))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="composer-row">
        <input
          ref={files}
          type="file"
          class="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          multiple
          onChange={(event) => {
            for (const file of event.currentTarget.files ?? []) void upload(file);
            event.currentTarget.value = '';
          }}
        />
        <button type="button" onClick={() => files.current?.click()} aria-label="Attach files" title="Attach files">
          <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
            <path d="M21 11.5l-8.6 8.6a5.5 5.5 0 0 1-7.8-7.8l8.6-8.6a3.7 3.7 0 0 1 5.2 5.2l-8.6 8.6a1.8 1.8 0 0 1-2.6-2.6l7.9-7.9" />
          </svg>
        </button>
        <label class="visually-hidden" for={`composer-${conversationId}`}>
          Message to {title}
        </label>
        <textarea
          id={`composer-${conversationId}`}
          ref={input}
          rows={1}
          placeholder={`Message ${title}`}
          value={body}
          aria-describedby={`composer-help-${conversationId}`}
          onInput={(event) => {
            setBody(event.currentTarget.value);
            if (event.currentTarget.value.trim()) client.typing(conversationId);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
              event.preventDefault();
              send();
            } else if (event.key === 'Escape' && replyTo) {
              event.preventDefault();
              onCancelReply();
            }
          }}
        />
        <button type="submit" class="primary" disabled={!canSend}>
          Send
        </button>
      </div>
      <p id={`composer-help-${conversationId}`} class="visually-hidden">
        Enter sends, Shift+Enter starts a new line.
      </p>
    </form>
  );
}

/** The members named as @username in a message. */
export function mentionsIn(body: string, members: Member[] | undefined, meId: number | undefined): number[] {
  if (!members || !body.includes('@')) return [];
  const named = new Set([...body.matchAll(/@([\w.-]+)/g)].map((match) => match[1].toLowerCase()));
  return members.filter((member) => member.user_id !== meId && named.has(nameOf(member.user_id).toLowerCase())).map((member) => member.user_id);
}
