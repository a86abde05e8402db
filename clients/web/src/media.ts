import { useEffect, useState } from 'preact/hooks';
import type { Attachment } from './api';
import { client } from './sdk';

// Attachments live at /v1/media/{id}, which needs the access token and answers with a redirect to a short-lived
// signed URL. An <img src> cannot carry the token, so the SDK fetches the bytes and the page shows them from a blob
// URL, kept for the life of the page (the signed URL would expire after minutes anyway).
const loaded = new Map<string, Promise<string>>();

/** A blob URL for an attachment (or its thumbnail), fetched once. */
export function mediaObjectUrl(attachment: Pick<Attachment, 'id'>, thumbnail = false): Promise<string> {
  const key = `${attachment.id}${thumbnail ? '/thumbnail' : ''}`;
  let pending = loaded.get(key);
  if (!pending) {
    pending = client.uploads.fetchMedia(attachment.id, { thumbnail }).then((blob) => URL.createObjectURL(blob));
    pending.catch(() => loaded.delete(key));
    loaded.set(key, pending);
  }
  return pending;
}

/** The displayable URL of an attachment (or its thumbnail), or why it could not be loaded. */
export function useMedia(attachment: Pick<Attachment, 'id'>, thumbnail = false): { url?: string; error?: string } {
  const [state, setState] = useState<{ url?: string; error?: string }>({});
  useEffect(() => {
    let live = true;
    mediaObjectUrl(attachment, thumbnail).then(
      (url) => live && setState({ url }),
      () => live && setState({ error: 'The file could not be loaded.' }),
    );
    return () => {
      live = false;
    };
  }, [attachment.id, thumbnail]);
  return state;
}

/** Forgets the loaded files (after logging out). */
export function forgetMedia(): void {
  for (const pending of loaded.values()) pending.then(URL.revokeObjectURL, () => undefined);
  loaded.clear();
}
