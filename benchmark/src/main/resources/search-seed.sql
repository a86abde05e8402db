-- The search benchmark's data, written straight into chat's tables as chat's role (scripts/bench.sh search; see
-- docs/benchmarks.md): the searcher's conversations, made through the API, are in the tables already; this adds
-- conversations of three made-up users each up to ${conversations}, and ${messages} messages spread evenly over all
-- of them (message g in conversation g mod ${conversations}, seqs 1..n without gaps, a year of timestamps in order).
-- Bodies: 80 % Latin-script words (English with some French, Spanish, German, Russian and Greek; 1 to 25 words, most
-- short), 15 % Chinese, Japanese and Korean words without spaces, 5 % both; 0.2 % end with a fixed phrase that the
-- long queries find. random() is seeded, so every run writes the same bodies.
SELECT setseed(0.42);
-- Every conversation by its place n, with its members (the made-up users, or the searcher and friends).
CREATE TEMP TABLE seed_conversations (n int PRIMARY KEY, id bigint NOT NULL, members bigint[] NOT NULL);
INSERT INTO seed_conversations
SELECT row_number() OVER (ORDER BY c.id) - 1, c.id, array_agg(m.user_id ORDER BY m.id)
  FROM chat.conversations c JOIN chat.members m ON m.conversation_id = c.id GROUP BY c.id;
WITH made AS (
    INSERT INTO chat.conversations (kind, title, created_by, created_at, last_activity_at)
    SELECT 'group', 'seeded ' || n, 3000000000 + 3 * n, now(), now()
      FROM generate_series(1, ${conversations} - (SELECT count(*) FROM seed_conversations)) n
    RETURNING id, created_by)
INSERT INTO seed_conversations
SELECT (SELECT count(*) FROM seed_conversations) + row_number() OVER (ORDER BY id) - 1, id,
       ARRAY[created_by, created_by + 1, created_by + 2]
  FROM made;
INSERT INTO chat.members (conversation_id, user_id, role, joined_at)
SELECT s.id, u.user_id, CASE WHEN u.place = 1 THEN 'owner' ELSE 'member' END, now()
  FROM seed_conversations s CROSS JOIN LATERAL unnest(s.members) WITH ORDINALITY AS u(user_id, place)
 WHERE NOT EXISTS (SELECT 1 FROM chat.members m WHERE m.conversation_id = s.id);

-- Words a chat is made of, from which bodies are drawn.
CREATE TEMP TABLE seed_vocabulary AS SELECT ARRAY[
           'hello','hi','ok','okay','yes','no','thanks','thank','you','see','tomorrow','today','tonight','meeting',
           'meet','lunch','dinner','coffee','call','me','later','when','where','what','why','how','are','is','the',
           'a','an','and','or','but','in','on','at','for','with','about','from','to','we','they','he','she','it',
           'this','that','there','here','please','sorry','great','good','fine','nice','cool','awesome','maybe',
           'sure','let','us','know','think','need','want','have','had','will','would','could','should','can',
           'do','did','done','going','go','come','coming','home','work','office','project','deadline','report',
           'budget','plan','team','client','weekend','monday','friday','morning','evening','night','train',
           'station','airport','flight','hotel','ticket','movie','game','music','photo','picture','birthday',
           'party','gift','family','friend','friends','kids','school','doctor','store','shop','buy','pay','money',
           'price','car','bus','walk','run','gym','sleep','tired','happy','sad','busy','free','late','early',
           'soon','now','again','still','just','really','very','much','many','more','less','new','old','big',
           'small','first','last','next','week','month','year','day','time','minute','hour','address','phone',
           'email','message','link','file','document','update','review','check','send','sent','read','write',
           'café','naïve','résumé','déjà','vu','très','bien','mañana','niño','señor','über','straße','müde',
           'ça','va','à','bientôt','merci','gracias','danke','schön','привет','спасибо','завтра','γεια','σου'
           ] AS latin, ARRAY[
           '我们','明天','东京','见面','会议','报告','今天','晚上','吃饭','朋友','谢谢','电影','工作','时间','北京',
           '上海','周末','咖啡','问题','没有','可以','知道','觉得','已经','现在','下午','早上','项目','客户','预算',
           'ありがとう','こんにちは','また','明日','会議','東京','駅','電車','ランチ','今日','よろしく',
           '안녕하세요','감사합니다','내일','회의','서울','점심','오늘','친구'
           ] AS cjk;
INSERT INTO chat.messages (conversation_id, seq, sender_id, body, created_at)
SELECT s.id, p.g / ${conversations} + 1, s.members[1 + p.g % cardinality(s.members)],
       CASE WHEN p.kind < 0.80 THEN latin.text
            WHEN p.kind < 0.95 THEN cjk.text
            ELSE latin.text || ' ' || cjk.text END
       || CASE WHEN p.phrase < 0.002 THEN ' — the quarterly report is ready' ELSE '' END,
       now() - interval '365 days' + p.g * (interval '365 days' / ${messages})
  FROM (SELECT g, random() AS kind, random() AS phrase, 1 + floor(random() ^ 2 * 25)::int AS words
          FROM generate_series(0, ${messages} - 1) g) p
  JOIN seed_conversations s ON s.n = p.g % ${conversations}
 CROSS JOIN seed_vocabulary v
 CROSS JOIN LATERAL (
       SELECT string_agg(w.word, ' ') AS text
         FROM (SELECT v.latin[1 + floor(random() * cardinality(v.latin))::int] AS word
                 FROM generate_series(1, p.words)) w) latin
 CROSS JOIN LATERAL (
       SELECT string_agg(w.word, '') AS text
         FROM (SELECT v.cjk[1 + floor(random() * cardinality(v.cjk))::int] AS word
                 FROM generate_series(1, 1 + p.words / 2)) w) cjk;

UPDATE chat.conversations c SET last_seq = l.last_seq, last_activity_at = l.last_at, created_at = l.first_at
  FROM (SELECT conversation_id, max(seq) AS last_seq, min(created_at) AS first_at, max(created_at) AS last_at
          FROM chat.messages GROUP BY 1) l
 WHERE l.conversation_id = c.id;
