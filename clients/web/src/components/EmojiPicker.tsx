import { useEffect, useRef } from 'preact/hooks';

/** The reactions offered in the picker. */
export const REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🎉', '🙏', '👀'];

const NAMES: Record<string, string> = {
  '👍': 'thumbs up',
  '❤️': 'heart',
  '😂': 'laughing',
  '😮': 'surprised',
  '😢': 'sad',
  '🎉': 'party',
  '🙏': 'thank you',
  '👀': 'eyes',
};

export function emojiName(emoji: string): string {
  return NAMES[emoji] ?? emoji;
}

/**
 * A small grid of emoji buttons. Focus moves into it when it opens; arrow keys move between the emoji, Escape or a
 * click outside closes it (the opener then takes focus back).
 */
export function EmojiPicker({ onPick, onClose, label }: { onPick: (emoji: string) => void; onClose: () => void; label: string }) {
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    root.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const outside = (event: MouseEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) onClose();
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, []);
  const onKeyDown = (event: KeyboardEvent) => {
    const buttons = [...(root.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const move = (to: number) => {
      event.preventDefault();
      buttons[(to + buttons.length) % buttons.length]?.focus();
    };
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    } else if (event.key === 'ArrowRight' || event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') move(index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(buttons.length - 1);
  };
  return (
    <div class="emoji-picker" role="dialog" aria-label={label} ref={root} onKeyDown={onKeyDown}>
      {REACTIONS.map((emoji) => (
        <button type="button" key={emoji} aria-label={emojiName(emoji)} title={emojiName(emoji)} onClick={() => onPick(emoji)}>
          {emoji}
        </button>
      ))}
    </div>
  );
}
