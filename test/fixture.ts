// Contract between the test runners (which start the emulator, target services and sshd) and the
// tests that run inside VS Code. The runner writes this JSON and passes its path in REMOTEIT_TEST_FIXTURE.

export interface TestAccount {
  email: string;
  password: string;
  authHash: string;
  /** An access key of the account (id and base64 secret), for access-key sign-in. */
  accessKey?: { id: string; secret: string };
}

export interface TestFixture {
  /** Emulator base URL, e.g. http://127.0.0.1:41234 (what remoteit.apiUrl is set to). */
  apiUrl: string;
  /** Loopback-only control endpoint base URL for fault injection. */
  controlUrl: string;
  /** Absolute path of the connectd stand-in executable. */
  connectdPath: string;
  account: TestAccount;
  /** Service ids in the test world, by role. */
  services: {
    http: { id: string; name: string; deviceName: string; expectBody: string };
    ssh: { id: string; name: string; deviceName: string; user: string };
    offline?: { id: string; name: string; deviceName: string };
  };
  /** A second account with many devices, for paging. */
  largeAccount: { email: string; password: string; devices: number };
  /** sshd client private key that the target sshd authorises (mode 0600). */
  sshClientKey: string;
  /** Folder where tests may write results and screenshots. */
  outputDir: string;
  /** The runner's own `remoteit.*` settings: what a test that changes one puts back. */
  settings: Record<string, unknown>;
}

export const FIXTURE_ENV = 'REMOTEIT_TEST_FIXTURE';
