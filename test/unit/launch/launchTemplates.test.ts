import * as assert from 'node:assert/strict';
import {
  chooseTemplates,
  fillTemplate,
  launchUrl,
  readTemplateOverrides,
  serviceTemplates,
  templateProblem,
  templateType,
} from '../../../src/core/launch/launchTemplates';
import { APPLICATION_TYPES } from '../../../src/core/remoteit/applicationTypes';

describe('launch templates', () => {
  it("carries remote.it's launch templates for the common types", () => {
    assert.equal(chooseTemplates(templateType(28)).command, 'ssh -l [username] [host] -p [port]');
    assert.equal(chooseTemplates(templateType(42)).url, 'http://[host]:[port]');
    assert.equal(chooseTemplates(templateType(33)).url, 'https://[host]:[port]');
    assert.equal(chooseTemplates(templateType(4)).url, 'vnc://[host]:[port]');
    assert.equal(chooseTemplates(templateType(5)).url, 'rdp://full%20address=s%3A[host]%3A[port]');
    assert.equal(chooseTemplates(templateType(34)).url, 'smb://[host]:[port]');
    assert.equal(chooseTemplates(templateType(45)).url, 'mysql://[username]@[host]:[port]');
  });

  it('has a launch URL for every application type that opens outside the editor (one table of templates)', () => {
    const missing = APPLICATION_TYPES.filter((t) => t.open !== 'copy' && !chooseTemplates(templateType(t.id, t.defaultPort)).url).map((t) => `${t.id} ${t.name}`);
    assert.deepEqual(missing, []);
  });

  it('knows the type of each remote.it application, and of plain TCP services by their device port', () => {
    assert.equal(templateType(28), 'ssh');
    assert.equal(templateType(4), 'vnc');
    assert.equal(templateType(46), 'postgresql');
    assert.equal(templateType(1, 5432), 'postgresql');
    assert.equal(templateType(1, 27017), 'mongodb');
    assert.equal(templateType(1, 80), undefined);
    assert.equal(templateType(41, 5432), undefined, 'a typed service is never guessed from its port');
  });

  it('fills [host], [port] and [username]; without a user its part is dropped', () => {
    assert.equal(fillTemplate('ssh -l [username] [host] -p [port]', { host: 'h', port: 2, user: 'pi' }, 'command'), 'ssh -l pi h -p 2');
    assert.equal(fillTemplate('ssh -l [username] [host] -p [port]', { host: 'h', port: 2 }, 'command'), 'ssh h -p 2');
    assert.equal(fillTemplate('psql --username=[username] -h [host]', { host: 'h', port: 2 }, 'command'), 'psql -h h');
    assert.equal(fillTemplate('postgresql://[username]@[host]:[port]', { host: 'h', port: 5432 }, 'url'), 'postgresql://h:5432');
    assert.equal(fillTemplate('vnc://[HOST]:[Port]', { host: 'h', port: 5901 }, 'url'), 'vnc://h:5901');
  });

  it('an IPv6 host is bracketed in a URL, not in a command', () => {
    assert.equal(fillTemplate('smb://[host]:[port]', { host: '::1', port: 445 }, 'url'), 'smb://[::1]:445');
    assert.equal(fillTemplate('redis-cli -h [host] -p [port]', { host: '::1', port: 6379 }, 'command'), 'redis-cli -h ::1 -p 6379');
  });

  it('hostile: values that are not of their format never reach a template', () => {
    assert.throws(() => fillTemplate('psql -h [host]', { host: 'h; rm -rf ~', port: 1 }, 'command'), /not a host name/);
    assert.throws(() => fillTemplate('psql -h [host]', { host: 'h\n-oProxyCommand=x', port: 1 }, 'command'), /not a host name/);
    assert.throws(() => fillTemplate('psql -p [port]', { host: 'h', port: 70000 }, 'command'), /not a TCP port/);
    assert.throws(() => fillTemplate('psql -U [username]', { host: 'h', port: 1, user: '$(reboot)' }, 'command'), /not a valid login name/);
    assert.throws(() => fillTemplate('psql -U [username]', { host: 'h', port: 1, user: '-oProxyCommand=x' }, 'command'), /not a valid login name/);
  });

  it('hostile: templates with line breaks, unknown tokens or excessive length are refused', () => {
    assert.equal(templateProblem('ssh [host]'), undefined);
    assert.match(templateProblem('ssh [host]\nrm -rf ~') ?? '', /line break/);
    assert.match(templateProblem('ssh [host]\u2028x') ?? '', /line break/);
    assert.match(templateProblem('curl [password]@[host]') ?? '', /\[password\]/);
    assert.match(templateProblem('x'.repeat(2000)) ?? '', /longer/);
    assert.match(templateProblem(42) ?? '', /not a text/);
    assert.throws(() => fillTemplate('a\r\nb', { host: 'h', port: 1 }, 'command'), /line break/);
  });

  it('only URLs that hand the address to a client application are launched', () => {
    assert.equal(launchUrl('vnc://127.0.0.1:5900'), 'vnc://127.0.0.1:5900');
    assert.equal(launchUrl('postgresql://app@127.0.0.1:5432'), 'postgresql://app@127.0.0.1:5432');
    assert.equal(launchUrl('http://127.0.0.1:80'), 'http://127.0.0.1/');
    for (const url of ['command:workbench.action.openSettings', 'file:///etc/passwd', 'vscode://x.y/z', 'javascript:alert(1)', 'data:text/html,x', 'postgresql://a:secret@h:1', 'http://evil@h:1'])
      assert.equal(launchUrl(url), undefined, url);
  });

  it("settings: known types with valid templates are kept, each other entry named as a problem", () => {
    const read = readTemplateOverrides(
      { vnc: 'vnc://[host]:[port]?view=1', PostgreSQL: 'pgcli -h [host] -p [port]', telnet: 'telnet [host] [port]', redis: 'redis-cli\n-h [host]', mysql: 3 },
      'remoteit.commandTemplates',
    );
    assert.deepEqual(read.templates, { vnc: 'vnc://[host]:[port]?view=1', postgresql: 'pgcli -h [host] -p [port]' });
    assert.equal(read.problems.length, 3);
    assert.match(read.problems.join(' '), /"telnet" is not one of/);
    assert.match(read.problems.join(' '), /commandTemplates\.redis contains a line break/);
    assert.match(read.problems.join(' '), /commandTemplates\.mysql is not a text/);
    assert.deepEqual(readTemplateOverrides(['x'], 'remoteit.launchTemplates').problems, ['remoteit.launchTemplates must be an object of application type → template; it was ignored.']);
    assert.deepEqual(readTemplateOverrides(undefined, 'remoteit.launchTemplates'), { templates: {}, problems: [] });
  });

  it("the account's service attributes give its own templates; unusable ones are ignored", () => {
    assert.deepEqual(serviceTemplates({ launchTemplate: 'vnc://[host]:[port]', commandTemplate: 'vncviewer [host]::[port]', other: 1 }), {
      url: 'vnc://[host]:[port]',
      command: 'vncviewer [host]::[port]',
    });
    assert.deepEqual(serviceTemplates({ launchTemplate: 'x\ny', commandTemplate: '' }), {});
    assert.deepEqual(serviceTemplates('launchTemplate'), {});
  });

  it("chooses the account's template, then the user's per type, then the built-in one", () => {
    assert.deepEqual(chooseTemplates('postgresql'), { url: 'postgresql://[username]@[host]:[port]', command: 'psql -h [host] -p [port] -U [username]' });
    assert.deepEqual(chooseTemplates('postgresql', { commands: { postgresql: 'pgcli -h [host] -p [port]' } }), {
      url: 'postgresql://[username]@[host]:[port]',
      command: 'pgcli -h [host] -p [port]',
    });
    assert.deepEqual(chooseTemplates('postgresql', { service: { command: 'psql service=x port=[port]' }, commands: { postgresql: 'pgcli' } }).command, 'psql service=x port=[port]');
    assert.deepEqual(chooseTemplates(undefined), {});
    assert.deepEqual(chooseTemplates(undefined, { service: { url: 'vnc://[host]:[port]' } }), { url: 'vnc://[host]:[port]' });
  });
});
