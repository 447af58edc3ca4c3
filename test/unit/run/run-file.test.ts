import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { harnessRunFile, RunFileError, singleAppRunFile } from '../../../harness/run/run-file.ts';

const ports = [{ http: 1001, grpc: 1002, internalGrpc: 1003, metrics: 1004 }, { http: 2001, grpc: 2002, internalGrpc: 2003, metrics: 2004 }];

describe('harnessRunFile', () => {
  it('resolves paths as the CLI does, binds the APIs to loopback, chooses free ports, turns placement and scheduler off', () => {
    const text = 'version: 1\ncommon:\n  resourcesPath: ../components\napps:\n  - appID: a\n    appDirPath: ./a/\n    appPort: 6001\n    resourcesPath: ./res\n    command: ["x"]\n  - appDirPath: ./b\n    daprHTTPPort: 3500\n    command: ["y"]\n';
    const r = harnessRunFile(text, { runFileDir: '/t/s', ports });
    const doc = YAML.parse(r.yaml);
    expect(doc.common.resourcesPath).toBe('/t/components');
    expect(doc.apps[0]).toMatchObject({ appID: 'a', appDirPath: '/t/s/a', resourcesPath: '/t/s/a/res', apiListenAddresses: '127.0.0.1', placementHostAddress: '', schedulerHostAddress: '', daprHTTPPort: 1001, metricsPort: 1004, appLogDestination: 'fileAndConsole', daprdLogDestination: 'file' });
    // The app id defaults to the folder's name; a port the sample fixes is kept, and reported.
    expect(doc.apps[1]).toMatchObject({ appID: 'b', daprHTTPPort: 3500, daprGRPCPort: 2002 });
    expect(r.apps).toEqual([
      { appId: 'a', appDir: '/t/s/a', appPort: 6001, fixedPorts: [], daprHttpPort: 1001 },
      { appId: 'b', appDir: '/t/s/b', fixedPorts: [3500], daprHttpPort: 3500 },
    ]);
  });
  it('gives apps that bring no Configuration the harness\'s', () => {
    const text = 'version: 1\napps:\n  - appID: a\n    command: ["x"]\n  - appID: b\n    configFilePath: ./own.yaml\n    command: ["y"]\n';
    const doc = YAML.parse(harnessRunFile(text, { runFileDir: '/t', ports, configFile: '/h/names.yaml' }).yaml);
    expect(doc.apps.map((a: { configFilePath?: string }) => a.configFilePath)).toEqual(['/h/names.yaml', '/t/own.yaml']);
  });

  it('points every app at the sample\'s own placement and scheduler, and only at those it has', () => {
    const text = 'version: 1\napps:\n  - appID: a\n    command: ["x"]\n    placementHostAddress: localhost:50005\n  - appID: b\n    command: ["y"]\n';
    const both = YAML.parse(harnessRunFile(text, { runFileDir: '/t', ports, controlPlane: { placement: '127.0.0.1:41001', scheduler: '127.0.0.1:41002' } }).yaml);
    for (const app of both.apps) expect(app).toMatchObject({ placementHostAddress: '127.0.0.1:41001', schedulerHostAddress: '127.0.0.1:41002' });
    const schedulerOnly = YAML.parse(harnessRunFile(text, { runFileDir: '/t', ports, controlPlane: { scheduler: '127.0.0.1:41002' } }).yaml);
    for (const app of schedulerOnly.apps) expect(app).toMatchObject({ placementHostAddress: '', schedulerHostAddress: '127.0.0.1:41002' });
  });
  it('refuses a file with no app, or no YAML', () => {
    expect(() => harnessRunFile('version: 1\n', { runFileDir: '/t', ports })).toThrow(RunFileError);
    expect(() => harnessRunFile('apps: [\n', { runFileDir: '/t', ports })).toThrow(/not valid YAML/);
  });
  it('writes a single app run as a one-app run file', () => {
    expect(YAML.parse(singleAppRunFile({ appId: 'o', argv: ['python3', 'app.py'], appDir: '/t/o', resources: '/t/c', appPort: 6001 })))
      .toEqual({ version: 1, apps: [{ appID: 'o', appDirPath: '/t/o', command: ['python3', 'app.py'], resourcesPath: '/t/c', appPort: 6001 }] });
  });
});
