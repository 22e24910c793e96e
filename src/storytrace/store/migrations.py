"""Numbered schema migrations for the SQLite store.

Migration N brings a database from ``user_version`` N-1 to N. Never edit a released
migration: append a new one. The store refuses a database whose version is newer than the
code knows (it was written by a newer storytrace).
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: articles with their cleaning results and sentence spans
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,             -- content hash of the raw payload
        fingerprint TEXT NOT NULL,       -- hash of everything derived; equal => nothing to write
        pipeline_version TEXT NOT NULL,
        reader TEXT NOT NULL,
        source TEXT NOT NULL,            -- first place the article was seen
        locator TEXT,
        url TEXT,
        title TEXT,
        outlet TEXT,
        outlet_evidence TEXT,
        published TEXT,
        published_precision TEXT,
        published_source TEXT,
        language TEXT NOT NULL,
        encoding TEXT,
        encoding_note TEXT,
        text TEXT NOT NULL,
        warnings TEXT NOT NULL DEFAULT '[]',   -- JSON list of strings
        ingested_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_outlet ON articles(outlet);

    -- every place an article was seen: one file can hold many articles, one article can
    -- come from many files
    CREATE TABLE article_sources (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        source TEXT NOT NULL,
        locator TEXT NOT NULL DEFAULT '',
        reader TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        PRIMARY KEY (article_id, source, locator)
    );

    CREATE TABLE removed (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        text TEXT NOT NULL,
        reason TEXT NOT NULL,
        line INTEGER NOT NULL,
        pattern TEXT NOT NULL,
        PRIMARY KEY (article_id, seq)
    );

    CREATE TABLE agencies (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        agency TEXT NOT NULL,
        evidence TEXT NOT NULL,
        PRIMARY KEY (article_id, seq)
    );
    CREATE INDEX agencies_agency ON agencies(agency);

    CREATE TABLE headings (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        PRIMARY KEY (article_id, start)
    );

    CREATE TABLE sentences (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        tokens TEXT NOT NULL,            -- JSON [[start, end], ...] into the article text
        PRIMARY KEY (article_id, seq)
    );

    """,
    # 2: per-article annotations: entity mentions and attributions
    """
    CREATE TABLE mentions (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        type TEXT NOT NULL,
        kind TEXT NOT NULL,
        role_start INTEGER,
        role_end INTEGER,
        key TEXT,
        PRIMARY KEY (article_id, seq)
    );
    CREATE INDEX mentions_key ON mentions(key);

    CREATE TABLE attributions (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        sentence INTEGER NOT NULL,
        form TEXT NOT NULL,
        mode TEXT NOT NULL,
        stance TEXT NOT NULL,
        medium TEXT NOT NULL,
        speaker INTEGER,                 -- seq of the speaker's mention in this article
        rule TEXT NOT NULL,
        nested INTEGER NOT NULL,
        -- JSON {cue, source, content, addressee, via_spans: [[s, e], ...], via: [seq, ...],
        --       said_on: [s, e] or null}
        spans TEXT NOT NULL,
        PRIMARY KEY (article_id, seq)
    );
    CREATE INDEX attributions_stance ON attributions(stance);
    """,
    # 3: the link stage's indexes between runs (storytrace.link.state), one row per name
    """
    CREATE TABLE link_state (
        name TEXT PRIMARY KEY,
        data BLOB NOT NULL,
        articles INTEGER NOT NULL,       -- how many articles the state holds
        updated TEXT NOT NULL
    );
    """,
    # 4: the link state in chunks, written and read as a stream (at 100,000 articles it is
    # 1.4 GB, and one blob of it cost the writer several copies in memory). States in the
    # old table are dropped: they are derived data, and the next run links anew.
    """
    DROP TABLE link_state;
    CREATE TABLE link_state (
        name TEXT PRIMARY KEY,
        articles INTEGER NOT NULL,       -- how many articles the state holds
        bytes INTEGER NOT NULL,
        updated TEXT NOT NULL
    );
    CREATE TABLE link_state_chunks (
        name TEXT NOT NULL REFERENCES link_state(name) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (name, seq)
    );
    """,
)
