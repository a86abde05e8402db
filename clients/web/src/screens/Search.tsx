import { useEffect, useState } from 'preact/hooks';
import type { SearchHit } from '../api';
import { chat, titleOf } from '../chat';
import { ErrorText, StatusText, formatTime, useAction } from '../components/ui';
import { hrefOf } from '../router';
import { client } from '../sdk';
import { useStore } from '../store';
import { useUserName } from '../users';

/** Finds the user's messages by any part of their text (2 to 200 characters). */
export function SearchScreen({ initialQuery }: { initialQuery?: string }) {
  const [query, setQuery] = useState(initialQuery ?? '');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const search = useAction(async (q: string) => {
    setHits(await client.conversations.search(q));
    // Keep the query in the address, so going back to the results works.
    history.replaceState(null, '', hrefOf({ name: 'search', q }));
  });
  useEffect(() => {
    if (initialQuery && initialQuery.trim().length >= 2) void search.run(initialQuery.trim());
  }, []);
  const trimmed = query.trim();
  return (
    <section class="form-screen" aria-labelledby="search-title">
      <h2 id="search-title">Search messages</h2>
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          if (trimmed.length >= 2) void search.run(trimmed);
        }}
      >
        <div class="field">
          <label for="search-query">Words or part of a word</label>
          <input id="search-query" type="search" minLength={2} maxLength={200} required value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        </div>
        <button type="submit" class="primary" disabled={search.busy || trimmed.length < 2}>
          Search
        </button>
      </form>
      <ErrorText error={search.error} />
      {hits && <StatusText>{hits.length === 0 ? 'No messages found.' : `${hits.length} message${hits.length === 1 ? '' : 's'} found.`}</StatusText>}
      {hits && hits.length > 0 && (
        <ul class="search-results">
          {hits.map((hit) => (
            <Hit key={hit.message_id} hit={hit} />
          ))}
        </ul>
      )}
    </section>
  );
}

function Hit({ hit }: { hit: SearchHit }) {
  const conversation = useStore(chat, (state) => state.conversations[hit.conversation_id]);
  const members = useStore(chat, (state) => state.members[hit.conversation_id]);
  const meId = useStore(chat, (state) => state.me?.id);
  const senderName = useUserName(hit.sender_id);
  const sender = hit.sender_id === meId ? 'You' : senderName;
  const where = titleOf(conversation, members, meId);
  return (
    <li>
      <a href={hrefOf({ name: 'conversation', id: hit.conversation_id, seq: hit.seq })}>
        <span class="hit-where">
          {where === sender ? sender : `${sender} in ${where}`} · <time dateTime={hit.created_at}>{formatTime(hit.created_at)}</time>
        </span>
        <span class="hit-snippet">{hit.snippet}</span>
      </a>
    </li>
  );
}
