import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { toSearchKey } from '../../src/common/search-key';
import { TestApp } from '../../test/support/test-app';

const FIRST_NAMES = 'Arbër Drita Blerina Gëzim Elira Ilir Mirela Besnik Jonida Fatos'.split(' ');
const LAST_NAMES = 'Hoxha Koçi Shehu Leka Dervishi Çela Gjoka Marku Prifti Kola'.split(' ');

/**
 * One institution in Elbasan with `count` teachers: the institution through
 * the API, the contacts in one set-based insert (the CSV import takes 5,000
 * rows at most). A second institution needs a name and an `emailDomain` of
 * its own: e-mails are unique among active contacts. Returns the
 * institution's id, the audience a session names.
 */
export async function createInstitutionAudience(
  app: TestApp,
  count: number,
  {
    name = 'Drejtoria Rajonale e Arsimit Parauniversitar Elbasan',
    emailDomain = 'shkolla-elbasan.example.al',
  } = {},
): Promise<string> {
  const institution = await app.post('/api/institutions', {
    name,
    kind: 'school',
    countyId: await app.countyId('Elbasan'),
  });
  if (institution.status !== 201)
    throw new Error(`institution: ${JSON.stringify(institution.body)}`);
  const columns = {
    id: [] as string[],
    name: [] as string[],
    email: [] as string[],
    language: [] as string[],
    key: [] as string[],
  };
  for (let i = 0; i < count; i++) {
    const name = `${FIRST_NAMES[i % 10]} ${LAST_NAMES[Math.floor(i / 10) % 10]}`;
    const email = `kontakt.${i}@${emailDomain}`;
    columns.id.push(randomUUID());
    columns.name.push(name);
    columns.email.push(email);
    // One in five prefers English, so both languages are rendered as in a real round.
    columns.language.push(i % 5 === 4 ? 'en' : 'sq');
    columns.key.push(toSearchKey(name, email, 'Mësues'));
  }
  const pg = new Client({ connectionString: app.config.databaseUrl });
  await pg.connect();
  try {
    await pg.query(
      `insert into contact (id, full_name, institution_id, position, email, language, search_key, created_at, updated_at)
       select id, name, $6, 'Mësues', email, language, key, now(), now()
         from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) as t(id, name, email, language, key)`,
      [columns.id, columns.name, columns.email, columns.language, columns.key, institution.body.id],
    );
  } finally {
    await pg.end();
  }
  return institution.body.id;
}
