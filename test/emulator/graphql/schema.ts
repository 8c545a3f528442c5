// The subset of remote.it's GraphQL schema the emulator serves, written from the documented queries: the
// `login` user with paged `devices`, the device and service fields the desktop app selects, application
// types, and the cloud-proxy `connect` / `disconnect` mutations. Anything else fails validation, as it
// would on the real server.
import { buildSchema } from 'graphql';

export const SCHEMA_SDL = /* GraphQL */ `
  "Free-form JSON (device and service attributes)."
  scalar Object

  type Query {
    "The signed-in user."
    login: User
    applicationTypes: [ApplicationType!]!
  }

  type Mutation {
    "Opens a cloud-proxy connection. hostIP: 0.0.0.0 public, 255.255.255.255 latching, else only that IP."
    connect(serviceId: String!, hostIP: String): Connection
    disconnect(serviceId: String!, connectionId: String!): Boolean
  }

  type User {
    id: String!
    email: String!
    "size is capped at 1000; fetch again with a larger from while hasMore."
    devices(
      size: Int
      from: Int
      name: String
      state: String
      sort: String
      application: Int
      hardwareid: String
      platform: [Int]
      owner: Boolean
      id: [String!]
    ): DeviceList!
    device(id: [String!]!): [Device!]!
    service(id: [String!]!): [Service!]!
    account(id: String): User
  }

  type DeviceList {
    total: Int!
    hasMore: Boolean!
    items: [Device!]!
  }

  type Contact {
    id: String!
    email: String!
  }

  type Access {
    user: Contact
    scripting: Boolean
  }

  type Geo {
    connectionType: String
    countryName: String
    stateName: String
    city: String
    isp: String
  }

  type Endpoint {
    externalAddress: String
    internalAddress: String
    availability: Float
    instability: Float
    quality: String
    geo: Geo
  }

  type Device {
    id: String!
    name: String!
    state: String!
    created: String
    lastReported: String
    hardwareId: String
    platform: Int
    version: Int
    configurable: Boolean
    license: String
    attributes: Object
    access: [Access!]!
    endpoint: Endpoint
    owner: Contact
    services: [Service!]!
  }

  type Service {
    id: String!
    name: String!
    state: String!
    "The application type's name, e.g. SSH."
    title: String
    enabled: Boolean
    "The application type id."
    application: Int!
    created: String
    lastReported: String
    port: Int
    host: String
    type: String
    protocol: String
    license: String
    attributes: Object
    access: [Access!]!
    device: Device
  }

  type ApplicationType {
    id: Int!
    name: String!
    description: String
    port: Int
    protocol: String
    proxy: Boolean
  }

  type Connection {
    id: String!
    created: String!
    host: String
    port: Int
    reverseProxy: Boolean!
    timeout: Int!
  }
`;

export const schema = buildSchema(SCHEMA_SDL);
