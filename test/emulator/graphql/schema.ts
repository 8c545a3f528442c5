// The subset of remote.it's GraphQL schema the emulator serves. Every type, field, argument and default here
// is spelled and typed as in the real API's schema (a unit test diffs them), so a query that validates
// against the emulator validates against remote.it too; anything not listed fails validation, as a field
// unknown to the real server would.
import { buildSchema } from 'graphql';

export const SCHEMA_SDL = /* GraphQL */ `
  scalar DateTime
  "Free-form JSON (device and service attributes)."
  scalar Object

  type Query {
    "The signed-in user."
    login: User
    applicationTypes: [ApplicationType!]!
  }

  type Mutation {
    "Opens a cloud-proxy connection. hostIP: 0.0.0.0 public, 255.255.255.255 latching, else only that IP."
    connect(hostIP: String! = "255.255.255.255", type: ProxyType! = AUTO_PROXY, serviceId: String!): Connection!
    disconnect(connectionId: String!, serviceId: String): Boolean!
  }

  enum ProxyType {
    AUTO_PROXY
    REVERSE_PROXY
    PORT_PROXY
  }

  enum Protocol {
    TCP
    UDP
  }

  type User {
    id: ID!
    email: String
    authhash: String
    "The name connectd signs in with."
    yoicsId: String
    "size is capped at 1000; fetch again with from = the devices read so far while hasMore."
    devices(
      sort: String! = "name"
      after: ID
      from: Int = 0
      size: Int = 100
      application: [Int!]
      hardwareId: String
      id: [String!]
      name: String
      owner: Boolean
      platform: [Int!]
      state: String
    ): PaginatedDeviceResponse!
    device(id: [String!]!): [Device!]
    service(id: [String!]!): [Service!]
    "The user itself, or an organisation the user is a member of."
    account(email: String, id: String): User
    membership: [OrganizationMember!]!
  }

  type OrganizationMember {
    created: DateTime!
    user: UserReference!
    organization: Organization!
  }

  type Organization {
    id: ID!
    name: String!
    created: DateTime!
    account: UserReference!
  }

  type UserReference {
    id: ID!
    email: String
  }

  type PaginatedDeviceResponse {
    items: [Device!]!
    hasMore: Boolean!
    last: String
    total: Int!
  }

  type Access {
    created: DateTime
    scripting: Boolean
    user: UserReference!
  }

  type Device {
    id: ID!
    name: String
    state: String!
    created: DateTime
    lastReported: DateTime
    hardwareId: String
    platform: Int
    version: String
    configurable: Boolean!
    attributes(name: String, context: String): Object!
    access: [Access!]!
    owner: UserReference
    services(
      sort: String! = "name"
      application: [Int!]
      hardwareId: String
      id: [String!]
      name: String
      owner: Boolean
      platform: [Int!]
      state: String
    ): [Service!]!
  }

  type Service {
    id: ID!
    name: String
    state: String!
    "The application type's name, e.g. SSH."
    title: String
    enabled: Boolean!
    "The application type id."
    application: Int
    created: DateTime
    lastReported: DateTime
    port: Int
    host: String
    type: String
    protocol: Protocol
    attributes(name: String, context: String): Object!
    access: [Access!]!
    device: Device
  }

  type ApplicationType {
    id: Int!
    name: String!
    description: String!
    port: Int
    proxy: Boolean!
    scheme: String
    protocol: Protocol!
  }

  type Connection {
    id: ID!
    reverseProxy: Boolean!
    host: String!
    port: Int
    url: String!
    created: DateTime!
    timeout: Int!
  }
`;

export const schema = buildSchema(SCHEMA_SDL);
