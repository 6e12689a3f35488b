import pg from 'pg';

/**
 * Flips one byte of one stored file in a server ledger's database, as someone with rights on the
 * database could (the table's keep-as-received trigger disabled first). Returns the file's SHA-256.
 */
export async function flipStoredByte(url: string, at = 100): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const hash = (await c.query<{ sha256: string }>('SELECT min(sha256) AS sha256 FROM ledger_files')).rows[0]
      ?.sha256;
    await c.query('ALTER TABLE ledger_files DISABLE TRIGGER ledger_files_keep');
    await c.query(
      'UPDATE ledger_files SET bytes = set_byte(bytes, $1, 255 - get_byte(bytes, $1)) WHERE sha256 = $2',
      [at, hash],
    );
    await c.query('ALTER TABLE ledger_files ENABLE TRIGGER ledger_files_keep');
    return hash ?? '';
  } finally {
    await c.end();
  }
}
