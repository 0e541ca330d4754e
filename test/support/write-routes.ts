import { TestApp } from './test-app';

export type Schema = {
  type?: string;
  format?: string;
  enum?: unknown[];
  maxLength?: number;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  $ref?: string;
  allOf?: Schema[];
};

export interface ApiDocument {
  paths: Record<string, Record<string, any>>;
  components: { schemas: Record<string, Schema> };
}

/** One write operation of the OpenAPI document. */
export interface WriteRoute {
  /** Upper case: POST, PATCH, PUT, DELETE. */
  method: string;
  /** As the document writes it: /api/contacts/{id}. */
  template: string;
  operation: any;
  /** `${method} ${template}`, the key of validBodies. */
  key: string;
}

const WRITE_METHODS = ['post', 'patch', 'put', 'delete'];

/**
 * One record of every kind the write routes take an id of, and a valid body
 * for each route that has one, so that a test can spoil one thing at a time.
 * The routes come from the OpenAPI document: a route added to the API is
 * walked by every test that uses this, and one without a valid body here
 * fails them until one is added.
 */
export class WriteRouteFixture {
  private constructor(
    readonly document: ApiDocument,
    readonly ids: Record<string, string>,
    readonly validBodies: Record<string, unknown>,
  ) {}

  static async create(app: TestApp): Promise<WriteRouteFixture> {
    const document = (await app.get('/docs-json', { token: null })).body as ApiDocument;
    const elbasan = await app.countyId('Elbasan');
    const institution = await app.post('/api/institutions', {
      name: 'Prefektura e Qarkut Elbasan',
      kind: 'prefecture',
      countyId: elbasan,
    });
    const contact = await app.post('/api/contacts', {
      fullName: 'Arjana Çela',
      email: 'arjana.cela@example.al.test',
      institutionId: institution.body.id,
    });
    const other = await app.post('/api/contacts', {
      fullName: 'Gëzim Leka',
      email: 'gezim.leka@example.al.test',
      institutionId: institution.body.id,
    });
    const committee = await app.post('/api/committees', {
      name: 'Tryeza Teknike Antitrafik Elbasan',
      countyId: elbasan,
    });
    const membership = await app.post(`/api/committees/${committee.body.id}/members`, {
      contactId: contact.body.id,
      role: 'chair',
    });
    const user = await app.post('/api/users', {
      email: 'drita.koci@example.org',
      name: 'Drita Koçi',
      role: 'coordinator',
      password: 'a long enough password',
    });
    const token = await app.post('/api/tokens', { name: 'export script' });
    const campaign = await app.post('/api/campaigns', {
      nameSq: 'Mbi parandalimin e migracionit të parregullt',
      nameEn: 'On preventing irregular migration',
      senderName: 'Zyra e Koordinatorit Kombëtar kundër Trafikimit',
      senderEmail: 'fushata@example.al.test',
    });
    const round = await app.post('/api/rounds', {
      campaignId: campaign.body.id,
      countyId: elbasan,
      startsOn: '2017-11-22',
      endsOn: '2017-11-22',
    });
    const session = await app.post(`/api/rounds/${round.body.id}/sessions`, {
      titleSq: 'Takim me anëtarët e Tryezës Teknike',
      titleEn: 'Meeting with the members of the Technical Table',
      kind: 'meeting',
      startsAt: '2017-11-22T09:00:00+01:00',
      endsAt: '2017-11-22T10:30:00+01:00',
      audience: { committeeIds: [committee.body.id] },
    });
    // As the invite step writes it: the round's dates have passed, so scheduling would invite no one.
    const [invitation] = await app.orm.em
      .fork()
      .getConnection()
      .execute(
        `insert into invitation (id, session_id, contact_id, status, created_at)
         values (gen_random_uuid(), ?, ?, 'pending', now()) returning id`,
        [session.body.id, contact.body.id],
      );
    const material = await app.post(`/api/rounds/${round.body.id}/materials`, {
      descriptionSq: 'fletëpalosje',
      descriptionEn: 'leaflets',
      quantity: 4000,
    });
    const ids: Record<string, string> = {
      institution: institution.body.id,
      contact: contact.body.id,
      committee: committee.body.id,
      membership: membership.body.id,
      user: user.body.id,
      token: token.body.id,
      campaign: campaign.body.id,
      round: round.body.id,
      session: session.body.id,
      material: material.body.id,
      invitation: invitation.id,
    };
    if (!Object.values(ids).every(Boolean)) throw new Error('write-route fixture incomplete');
    const validBodies: Record<string, unknown> = {
      'POST /api/auth/login': { email: 'admin@example.org', password: 'not the password' },
      'POST /api/tokens': { name: 'another script' },
      'POST /api/users': {
        email: 'new.user@example.org',
        name: 'Ilir Shehu',
        role: 'viewer',
        password: 'another long password',
      },
      'PATCH /api/users/{id}': { name: 'Drita Koçi-Hoxha' },
      'POST /api/institutions': {
        name: 'Bashkia Elbasan',
        kind: 'municipality',
        countyId: elbasan,
      },
      'PATCH /api/institutions/{id}': { name: 'Institucioni i Prefektit të Qarkut Elbasan' },
      'POST /api/contacts': {
        fullName: 'Elona Dervishi',
        email: 'elona.dervishi@example.al.test',
        institutionId: institution.body.id,
      },
      'PATCH /api/contacts/{id}': { fullName: 'Arjana Çela-Bregu' },
      'POST /api/committees': { name: 'Komiteti Rajonal Antitrafik Elbasan', countyId: elbasan },
      'PATCH /api/committees/{id}': { name: 'Tryeza Teknike e Qarkut Elbasan' },
      'POST /api/committees/{id}/members': { contactId: other.body.id, role: 'member' },
      'PATCH /api/committees/{id}/members/{membershipId}': { role: 'member' },
      'POST /api/campaigns': {
        nameSq: 'Java kundër trafikimit',
        nameEn: 'Anti-trafficking week',
        senderName: 'Zyra e Koordinatorit Kombëtar kundër Trafikimit',
        senderEmail: 'fushata@example.al.test',
      },
      'PATCH /api/campaigns/{id}': { sloganEn: 'Choose opportunities, not irregular migration!' },
      'POST /api/rounds': {
        campaignId: campaign.body.id,
        countyId: elbasan,
        startsOn: '2017-12-05',
        endsOn: '2017-12-07',
      },
      'PATCH /api/rounds/{id}': { endsOn: '2017-11-22' },
      'POST /api/rounds/{id}/sessions': {
        titleSq: 'Workshop me anëtarë të Tryezës Teknike Antitrafik',
        titleEn: 'Workshop with members of the Anti-Trafficking Technical Table',
        kind: 'workshop',
        startsAt: '2017-11-22T10:45:00+01:00',
        endsAt: '2017-11-22T12:30:00+01:00',
        audience: { institutionIds: [institution.body.id], contactIds: [other.body.id] },
      },
      'PATCH /api/sessions/{id}': { venueEn: "Prefect's Institution, Elbasan county" },
      'POST /api/sessions/{id}/cancel': { scheduleVersion: 0 },
      'POST /api/rounds/{id}/cancel': { scheduleVersion: 0 },
      'PUT /api/sessions/{id}/attendance': {
        invitees: [],
        walkIns: [{ fullName: 'Besa Kola', email: 'besa.kola@example.al.test' }],
        headCount: { total: 30, breakdown: [{ label: 'nxënës', count: 30 }], note: 'rreth 30' },
      },
      'POST /api/rounds/{id}/materials': {
        descriptionSq: 'fletëpalosje',
        descriptionEn: 'leaflets',
        quantity: 4000,
        placesSq: 'në kafene dhe vende publike',
        placesEn: 'in cafés and public places',
        sessionId: session.body.id,
      },
      'PATCH /api/materials/{id}': { quantity: 3500 },
      'PUT /api/rounds/{id}/recommendations': {
        items: [
          {
            textSq: 'Rëndësia e medias dhe roli i tyre vendimtar në fushatat e ndërgjegjësimit',
            textEn: 'The importance of the media and their decisive role in awareness campaigns',
          },
        ],
      },
      'POST /api/invitations/{id}/response': {
        answer: 'decline',
        source: 'phone',
        note: 'Telefonoi zyrën: është me shërbim jashtë qarkut.',
      },
    };
    return new WriteRouteFixture(document, ids, validBodies);
  }

  /** Every POST, PATCH, PUT and DELETE the OpenAPI document lists. */
  get routes(): WriteRoute[] {
    return Object.entries(this.document.paths).flatMap(([template, operations]) =>
      Object.entries(operations)
        .filter(([method]) => WRITE_METHODS.includes(method))
        .map(([method, operation]) => {
          const upper = method.toUpperCase();
          return { method: upper, template, operation, key: `${upper} ${template}` };
        }),
    );
  }

  /** The schema itself, with $ref followed and allOf merged. */
  resolve(schema: Schema | undefined): Schema {
    if (!schema) return {};
    if (schema.$ref)
      return this.resolve(this.document.components.schemas[schema.$ref.split('/').pop() as string]);
    if (schema.allOf) return Object.assign({}, ...schema.allOf.map((part) => this.resolve(part)));
    return schema;
  }

  /** The JSON body schema of a route, or undefined when it takes none. */
  jsonSchema(route: WriteRoute): Schema | undefined {
    const json = route.operation.requestBody?.content?.['application/json'];
    return json && this.resolve(json.schema);
  }

  /** The route's path with the fixture's ids in it, or `overrides` for the parameters named. */
  pathWith(template: string, overrides: Record<string, string> = {}): string {
    return template.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (overrides[name] !== undefined) return overrides[name];
      if (name === 'membershipId') return this.ids.membership;
      const resource = template.split('/')[2];
      return {
        users: this.ids.user,
        tokens: this.ids.token,
        institutions: this.ids.institution,
        contacts: this.ids.contact,
        committees: this.ids.committee,
        campaigns: this.ids.campaign,
        rounds: this.ids.round,
        sessions: this.ids.session,
        materials: this.ids.material,
        invitations: this.ids.invitation,
      }[resource] as string;
    });
  }
}

/** The names of a route template's path parameters: `{id}` and `{membershipId}` give id, membershipId. */
export function pathParameters(template: string): string[] {
  return (template.match(/\{(\w+)\}/g) ?? []).map((name) => name.slice(1, -1));
}
