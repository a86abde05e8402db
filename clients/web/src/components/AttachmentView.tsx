import { useState } from 'preact/hooks';
import type { Attachment } from '../api';
import { mediaObjectUrl, useMedia } from '../media';
import { errorMessage } from '../sdk';

/** Images up to this size are shown as they are; larger ones by their thumbnail (longest side 320 px). */
const SHOWN_WHOLE = 640;
/** The longest side an image preview takes on screen. */
const PREVIEW = 320;

/** An attachment of a message: an image preview, or a download button for any other file. */
export function AttachmentView({ attachment }: { attachment: Attachment }) {
  return attachment.content_type.startsWith('image/') ? <ImagePreview attachment={attachment} /> : <FileDownload attachment={attachment} />;
}

function ImagePreview({ attachment }: { attachment: Attachment }) {
  const whole = Math.max(attachment.width ?? 0, attachment.height ?? 0) <= SHOWN_WHOLE || !attachment.thumbnail_url;
  const { url, error } = useMedia(attachment, !whole);
  const [width, height] = fitted(attachment.width, attachment.height);
  return (
    <figure class="attachment-image">
      {error ? (
        <p class="error">{error}</p>
      ) : (
        // Width and height keep the place of the image while it loads, so the list does not jump.
        <img src={url} alt={attachment.filename} width={width} height={height} data-attachment-id={attachment.id} />
      )}
      <figcaption>
        {attachment.filename}
        {!whole && (
          <>
            {' · '}
            <OpenButton attachment={attachment} label="Open full size" />
          </>
        )}
      </figcaption>
    </figure>
  );
}

function FileDownload({ attachment }: { attachment: Attachment }) {
  return (
    <p class="attachment-file">
      📎 <OpenButton attachment={attachment} label={`Download ${attachment.filename} (${formatSize(attachment.size)})`} download />
    </p>
  );
}

function OpenButton({ attachment, label, download }: { attachment: Attachment; label: string; download?: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const open = async () => {
    try {
      const url = await mediaObjectUrl(attachment);
      const link = document.createElement('a');
      link.href = url;
      if (download) link.download = attachment.filename;
      else link.target = '_blank';
      link.rel = 'noopener';
      link.click();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  return (
    <>
      <button type="button" class="link" onClick={() => void open()}>
        {label}
      </button>
      {error && <span class="error"> {error}</span>}
    </>
  );
}

function fitted(width: number | null, height: number | null): [number | undefined, number | undefined] {
  if (!width || !height) return [undefined, undefined];
  const scale = Math.min(1, PREVIEW / Math.max(width, height));
  return [Math.round(width * scale), Math.round(height * scale)];
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
