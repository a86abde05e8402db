-- Each upload's objects get a random part in their names, stored with the upload. Ids alone would repeat after the
-- database is restored to an earlier point (docs/operations.md) while the store still holds the later uploads'
-- objects: a new upload could then complete with, or show, someone else's file. Uploads from before keep their
-- names (null: named by id alone).
ALTER TABLE uploads ADD COLUMN object_name text;
ALTER TABLE uploads ALTER COLUMN object_name SET DEFAULT replace(gen_random_uuid()::text, '-', '');
