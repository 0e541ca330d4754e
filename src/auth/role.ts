/** What a signed-in person may do: viewers read, coordinators also write, admins also manage users. */
export enum Role {
  Admin = 'admin',
  Coordinator = 'coordinator',
  Viewer = 'viewer',
}
